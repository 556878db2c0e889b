package io.dealflow.followup;

import io.dealflow.support.OnPostgres;

/** FollowUpsTests again on a real PostgreSQL. */
@OnPostgres
class FollowUpsOnPostgresTests extends FollowUpsTests {
}

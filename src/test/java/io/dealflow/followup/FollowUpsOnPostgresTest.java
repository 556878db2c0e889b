package io.dealflow.followup;

import io.dealflow.support.OnPostgres;

@OnPostgres
class FollowUpsOnPostgresTest extends FollowUpsContract {
}

package io.dealflow.inbox;

import io.dealflow.support.OnPostgres;

/** InboxTests again on a real PostgreSQL. */
@OnPostgres
class InboxOnPostgresTests extends InboxTests {
}

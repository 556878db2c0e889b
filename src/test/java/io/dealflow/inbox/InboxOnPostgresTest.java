package io.dealflow.inbox;

import io.dealflow.support.OnPostgres;

@OnPostgres
class InboxOnPostgresTest extends InboxContract {
}

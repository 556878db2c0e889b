package io.dealflow.deal;

import io.dealflow.support.OnPostgres;

@OnPostgres
class DealOpeningRetriesOnPostgresTest extends DealOpeningRetriesContract {
}

package io.dealflow.deal;

import io.dealflow.support.OnPostgres;

/** DealOpeningRetriesTests again on a real PostgreSQL. */
@OnPostgres
class DealOpeningRetriesOnPostgresTests extends DealOpeningRetriesTests {
}

package io.dealflow.deal;

import io.dealflow.support.OnPostgres;

/** DealApiTests again on a real PostgreSQL. */
@OnPostgres
class DealApiOnPostgresTests extends DealApiTests {
}

package io.dealflow.process;

import io.dealflow.support.OnPostgres;

/** SalesProcessTests again on a real PostgreSQL. */
@OnPostgres
class SalesProcessOnPostgresTests extends SalesProcessTests {
}

package io.dealflow.process;

import io.dealflow.support.OnPostgres;

@OnPostgres
class SalesProcessOnPostgresTest extends SalesProcessContract {
}

package io.dealflow.deal;

import io.dealflow.support.OnPostgres;

@OnPostgres
class DealApiOnPostgresTest extends DealApiContract {
}

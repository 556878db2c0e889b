package io.dealflow.lead;

import io.dealflow.support.OnPostgres;

@OnPostgres
class LeadsOnPostgresTest extends LeadsContract {
}

package io.dealflow.lead;

import io.dealflow.support.OnPostgres;

@OnPostgres
class LeadImportOnPostgresTest extends LeadImportContract {
}

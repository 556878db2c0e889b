package io.dealflow.lead;

import io.dealflow.support.OnPostgres;

/** LeadImportTests again on a real PostgreSQL. */
@OnPostgres
class LeadImportOnPostgresTests extends LeadImportTests {
}

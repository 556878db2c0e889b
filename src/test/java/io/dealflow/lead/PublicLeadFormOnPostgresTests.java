package io.dealflow.lead;

import io.dealflow.support.OnPostgres;

/** PublicLeadFormTests again on a real PostgreSQL. */
@OnPostgres
class PublicLeadFormOnPostgresTests extends PublicLeadFormTests {
}

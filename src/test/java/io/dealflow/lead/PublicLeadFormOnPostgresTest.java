package io.dealflow.lead;

import io.dealflow.support.OnPostgres;

@OnPostgres
class PublicLeadFormOnPostgresTest extends PublicLeadFormContract {
}

package io.dealflow.lead;

import io.dealflow.support.OnPostgres;

/** LeadsTests again on a real PostgreSQL. */
@OnPostgres
class LeadsOnPostgresTests extends LeadsTests {
}

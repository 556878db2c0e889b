package io.dealflow.contact;

import io.dealflow.support.OnPostgres;

/** ContactApiTests again on a real PostgreSQL. */
@OnPostgres
class ContactApiOnPostgresTests extends ContactApiTests {
}

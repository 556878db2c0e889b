package io.dealflow.privacy;

import io.dealflow.support.OnPostgres;

/** ContactErasureTests again on a real PostgreSQL. */
@OnPostgres
class ContactErasureOnPostgresTests extends ContactErasureTests {
}

package io.dealflow.privacy;

import io.dealflow.support.OnPostgres;

@OnPostgres
class ContactErasureOnPostgresTest extends ContactErasureContract {
}

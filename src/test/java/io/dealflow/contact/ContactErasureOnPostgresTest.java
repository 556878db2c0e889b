package io.dealflow.contact;

import io.dealflow.support.OnPostgres;

@OnPostgres
class ContactErasureOnPostgresTest extends ContactErasureContract {
}

package io.dealflow.access;

import io.dealflow.support.OnPostgres;

@OnPostgres
class AccessMatrixOnPostgresTest extends AccessMatrixContract {
}

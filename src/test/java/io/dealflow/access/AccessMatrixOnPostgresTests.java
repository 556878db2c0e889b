package io.dealflow.access;

import io.dealflow.support.OnPostgres;

/** AccessMatrixTests again on a real PostgreSQL. */
@OnPostgres
class AccessMatrixOnPostgresTests extends AccessMatrixTests {
}

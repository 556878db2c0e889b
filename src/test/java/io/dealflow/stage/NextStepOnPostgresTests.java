package io.dealflow.stage;

import io.dealflow.support.OnPostgres;

/** NextStepTests again on a real PostgreSQL. */
@OnPostgres
class NextStepOnPostgresTests extends NextStepTests {
}

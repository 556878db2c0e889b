package io.dealflow.stage;

import io.dealflow.support.OnPostgres;

/** StageTrackingTests again on a real PostgreSQL. */
@OnPostgres
class StageTrackingOnPostgresTests extends StageTrackingTests {
}

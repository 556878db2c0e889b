package io.dealflow.pipeline;

import io.dealflow.support.OnPostgres;

/** PipelineTests again on a real PostgreSQL. */
@OnPostgres
class PipelineOnPostgresTests extends PipelineTests {
}

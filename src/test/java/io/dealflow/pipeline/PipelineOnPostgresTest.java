package io.dealflow.pipeline;

import io.dealflow.support.OnPostgres;

@OnPostgres
class PipelineOnPostgresTest extends PipelineContract {
}

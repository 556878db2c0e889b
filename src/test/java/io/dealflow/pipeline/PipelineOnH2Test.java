package io.dealflow.pipeline;

import io.dealflow.support.OnH2;

@OnH2
class PipelineOnH2Test extends PipelineContract {
}

package io.dealflow.stage;

import io.dealflow.support.OnH2;

@OnH2
class NextStepOnH2Test extends NextStepContract {
}

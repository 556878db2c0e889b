package io.dealflow.deal;

import io.dealflow.support.OnH2;

@OnH2
class DealApiOnH2Test extends DealApiContract {
}

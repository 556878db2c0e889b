package io.dealflow.deal;

import io.dealflow.support.OnH2;

@OnH2
class DealOpeningRetriesOnH2Test extends DealOpeningRetriesContract {
}

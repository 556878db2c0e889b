package io.dealflow.inbox;

import io.dealflow.support.OnH2;

@OnH2
class InboxOnH2Test extends InboxContract {
}

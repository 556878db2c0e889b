package io.dealflow.privacy;

import io.dealflow.support.OnH2;

@OnH2
class ContactErasureOnH2Test extends ContactErasureContract {
}

package io.dealflow.contact;

import io.dealflow.support.OnH2;

@OnH2
class ContactErasureOnH2Test extends ContactErasureContract {
}

package io.dealflow.lead;

import io.dealflow.support.OnH2;

@OnH2
class PublicLeadFormOnH2Test extends PublicLeadFormContract {
}

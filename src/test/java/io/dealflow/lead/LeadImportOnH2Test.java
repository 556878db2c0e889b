package io.dealflow.lead;

import io.dealflow.support.OnH2;

@OnH2
class LeadImportOnH2Test extends LeadImportContract {
}

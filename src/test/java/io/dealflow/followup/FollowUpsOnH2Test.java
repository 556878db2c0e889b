package io.dealflow.followup;

import io.dealflow.support.OnH2;

@OnH2
class FollowUpsOnH2Test extends FollowUpsContract {
}

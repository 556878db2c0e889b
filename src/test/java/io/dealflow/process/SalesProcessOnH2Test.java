package io.dealflow.process;

import io.dealflow.support.OnH2;

@OnH2
class SalesProcessOnH2Test extends SalesProcessContract {
}

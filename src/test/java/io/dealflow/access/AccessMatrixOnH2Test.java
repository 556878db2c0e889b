package io.dealflow.access;

import io.dealflow.support.OnH2;

@OnH2
class AccessMatrixOnH2Test extends AccessMatrixContract {
}

package io.dealflow.stage;

import io.dealflow.support.OnPostgres;

@OnPostgres
class NextStepOnPostgresTest extends NextStepContract {
}

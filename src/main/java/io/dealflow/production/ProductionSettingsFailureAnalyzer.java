package io.dealflow.production;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused prod start into Spring Boot's "APPLICATION FAILED TO START" report: what is missing, what to do. */
class ProductionSettingsFailureAnalyzer extends AbstractFailureAnalyzer<ProductionSettingsMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, ProductionSettingsMissingException cause) {
        return new FailureAnalysis("The prod profile refuses to start without these settings:\n  - "
                + String.join("\n  - ", cause.missing()),
                "Set them as environment variables (or properties) and start again. See the README, "
                        + "\"Running in production\".", cause);
    }
}

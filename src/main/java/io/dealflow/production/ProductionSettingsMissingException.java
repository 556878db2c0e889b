package io.dealflow.production;

import java.util.List;

/** Why the prod profile refuses to start: each setting it misses, with what it is for. */
class ProductionSettingsMissingException extends IllegalStateException {

    private final List<String> missing;

    ProductionSettingsMissingException(List<String> missing) {
        super("The prod profile refuses to start without: " + String.join("; ", missing));
        this.missing = missing;
    }

    List<String> missing() {
        return missing;
    }
}

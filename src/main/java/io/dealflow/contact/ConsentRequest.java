package io.dealflow.contact;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A consent decision for marketing email. Granting needs the source and the exact wording the person agreed
 * to (GDPR: we must be able to show what was consented to); withdrawing needs neither.
 */
public record ConsentRequest(@NotNull Boolean marketing, @Size(max = 100) String source,
                             @Size(max = 1000) String text) {

    @AssertTrue(message = "is required when granting consent: where the person agreed, e.g. webform")
    public boolean isSource() {
        return !Boolean.TRUE.equals(marketing) || (source != null && !source.isBlank());
    }

    @AssertTrue(message = "is required when granting consent: the wording the person agreed to")
    public boolean isText() {
        return !Boolean.TRUE.equals(marketing) || (text != null && !text.isBlank());
    }
}

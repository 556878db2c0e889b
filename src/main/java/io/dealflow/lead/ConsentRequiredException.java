package io.dealflow.lead;

import io.dealflow.web.InvalidFieldException;
import org.springframework.http.HttpStatus;

/** A lead without explicit marketing consent: refused (422), and nothing of it is stored. */
public class ConsentRequiredException extends InvalidFieldException {

    public ConsentRequiredException(String field, String reason) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, "Consent required", field, reason);
    }
}

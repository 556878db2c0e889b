package io.dealflow.web;

import org.springframework.http.HttpStatus;

/**
 * Bad input that bean validation cannot see (e.g. an email given twice): answered with 400 naming the field, or
 * with the status and title a subclass gives (a lead without consent: 422).
 */
public class InvalidFieldException extends RuntimeException {

    private final String field;
    private final HttpStatus status;
    private final String title;

    public InvalidFieldException(String field, String reason) {
        this(HttpStatus.BAD_REQUEST, "Invalid request", field, reason);
    }

    protected InvalidFieldException(HttpStatus status, String title, String field, String reason) {
        super(reason);
        this.field = field;
        this.status = status;
        this.title = title;
    }

    public String field() {
        return field;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}

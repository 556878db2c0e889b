package io.dealflow.web;

import java.io.IOException;

/** A request body over its limit: answered 413. An IOException, because it surfaces while the body is read. */
public class BodyTooLargeException extends IOException {

    private final long limit;

    public BodyTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}

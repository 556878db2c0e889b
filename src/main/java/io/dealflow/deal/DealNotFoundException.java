package io.dealflow.deal;

public class DealNotFoundException extends RuntimeException {

    public DealNotFoundException(Object id) {
        super("No deal with id " + id);
    }
}

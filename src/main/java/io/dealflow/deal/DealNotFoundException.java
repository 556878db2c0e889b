package io.dealflow.deal;

import io.dealflow.web.NotFoundException;

public class DealNotFoundException extends NotFoundException {

    public DealNotFoundException(Object id) {
        super("No deal with id " + id);
    }
}

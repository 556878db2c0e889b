package io.dealflow.lead;

import io.dealflow.web.NotFoundException;

/** GET /api/leads/imports/{id} of an import that does not exist: 404. */
public class ImportNotFoundException extends NotFoundException {

    public ImportNotFoundException(long id) {
        super("No lead import with id " + id);
    }
}

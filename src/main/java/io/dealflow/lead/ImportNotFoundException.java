package io.dealflow.lead;

/** GET /api/leads/imports/{id} of an import that does not exist: 404. */
public class ImportNotFoundException extends RuntimeException {

    public ImportNotFoundException(long id) {
        super("No lead import with id " + id);
    }
}

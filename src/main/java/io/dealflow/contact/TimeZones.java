package io.dealflow.contact;

import io.dealflow.web.InvalidFieldException;
import java.time.ZoneId;

/** A contact's time zone: an id of the IANA time zone database (Europe/Berlin, America/New_York, UTC). */
public final class TimeZones {

    /** Room for the longest IANA id (America/Argentina/ComodRivadavia) and more; the column's width. */
    public static final int MAX_LENGTH = 64;

    private TimeZones() {
    }

    /**
     * The zone id as given (trimmed), null for none; a fixed offset ("+02:00") or an unknown name is refused with
     * a 400 naming {@code field}: an offset does not follow summer time.
     */
    public static String checked(String field, String zone) {
        if (zone == null || zone.isBlank()) {
            return null;
        }
        String id = zone.trim();
        if (!ZoneId.getAvailableZoneIds().contains(id)) {
            throw new InvalidFieldException(field,
                    "is not a time zone of the IANA database, such as Europe/Berlin or America/New_York");
        }
        return id;
    }
}

package io.dealflow.followup;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When automatic emails to prospects may go out, in the recipient's local time: days and hours such as
 * {@code MON-FRI 09:00-17:00}, or {@code always}. Days: {@code MON} … {@code SUN}, ranges and lists
 * ({@code MON-WED,FRI}); hours: {@code HH:mm-HH:mm} on the same day, the end after the start ({@code 24:00} is the
 * end of the day). The start is inside, the end is not.
 */
public final class SendWindow {

    private static final Pattern SYNTAX = Pattern.compile(
            "([A-Z]{3}(?:-[A-Z]{3})?(?:,[A-Z]{3}(?:-[A-Z]{3})?)*)\\s+(\\d{2}:\\d{2})-(\\d{2}:\\d{2})");

    public static final SendWindow ALWAYS = new SendWindow(EnumSet.allOf(DayOfWeek.class), LocalTime.MIN, null);

    private final Set<DayOfWeek> days;
    private final LocalTime start;
    /** null: midnight at the end of the day. */
    private final LocalTime end;

    private SendWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end) {
        this.days = days;
        this.start = start;
        this.end = end;
    }

    /** @throws IllegalArgumentException naming what is wrong, with an example of the syntax */
    public static SendWindow parse(String text) {
        String value = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        if (value.equals("ALWAYS")) {
            return ALWAYS;
        }
        Matcher matcher = SYNTAX.matcher(value);
        if (!matcher.matches()) {
            throw invalid(text, "write days and hours such as MON-FRI 09:00-17:00, or always");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : matcher.group(1).split(",")) {
            String[] range = part.split("-");
            DayOfWeek first = day(text, range[0]);
            DayOfWeek last = range.length == 1 ? first : day(text, range[1]);
            for (DayOfWeek day = first; ; day = day.plus(1)) {
                days.add(day);
                if (day == last) {
                    break;
                }
            }
        }
        LocalTime start = time(text, matcher.group(2));
        LocalTime end = matcher.group(3).equals("24:00") ? null : time(text, matcher.group(3));
        if (end != null && !end.isAfter(start)) {
            throw invalid(text, "the hours must end after they start on the same day, such as 09:00-17:00");
        }
        return new SendWindow(days, start, end);
    }

    /**
     * When an email may go that is due at {@code due} (in the recipient's zone): empty when now, else the next
     * opening of the window.
     */
    public Optional<ZonedDateTime> nextOpening(ZonedDateTime due) {
        if (this == ALWAYS) {
            return Optional.empty();
        }
        for (int offset = 0; offset <= 7; offset++) {
            LocalDate date = due.toLocalDate().plusDays(offset);
            if (!days.contains(date.getDayOfWeek())) {
                continue;
            }
            // ZonedDateTime.of moves a time in a summer-time gap forward
            ZonedDateTime opens = ZonedDateTime.of(date, start, due.getZone());
            ZonedDateTime closes = end == null ? date.plusDays(1).atStartOfDay(due.getZone())
                    : ZonedDateTime.of(date, end, due.getZone());
            if (due.isBefore(closes)) {
                return due.isBefore(opens) ? Optional.of(opens) : Optional.empty();
            }
        }
        throw new IllegalStateException("A send window without days: " + this);
    }

    private static DayOfWeek day(String text, String name) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().startsWith(name)) {
                return day;
            }
        }
        throw invalid(text, name + " is not a day; the days are MON, TUE, WED, THU, FRI, SAT, SUN");
    }

    private static LocalTime time(String text, String value) {
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(text, value + " is not a time of day such as 09:00");
        }
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("dealflow.mail.send-window '" + text + "' is not a send window: " + reason);
    }

    @Override
    public String toString() {
        return this == ALWAYS ? "always" : days + " " + start + "-" + (end == null ? "24:00" : end);
    }
}

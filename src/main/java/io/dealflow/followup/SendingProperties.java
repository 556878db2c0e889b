package io.dealflow.followup;

import java.time.DateTimeException;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * dealflow.mail: when automatic emails go out (see {@link SendSchedule}). Checked at startup: a bad value stops the
 * app with a message naming the setting.
 *
 * @param sendWindow  when automatic emails to prospects and leads may go, in their local time ({@link SendWindow}:
 *                    {@code MON-FRI 09:00-17:00}, or {@code always})
 * @param defaultZone the time zone of a contact who has none (an IANA id)
 * @param limits      how many emails the sending mailbox (dealflow.mail.from) sends at most
 */
@ConfigurationProperties("dealflow.mail")
public record SendingProperties(@DefaultValue("MON-FRI 09:00-17:00") String sendWindow,
                                @DefaultValue("UTC") String defaultZone,
                                @DefaultValue Limits limits) {

    public SendingProperties {
        SendWindow.parse(sendWindow);
        try {
            ZoneId.of(defaultZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("dealflow.mail.default-zone '" + defaultZone
                    + "' is not a time zone: give an IANA id such as Europe/Berlin or UTC");
        }
    }

    public SendWindow window() {
        return SendWindow.parse(sendWindow);
    }

    public ZoneId zone() {
        return ZoneId.of(defaultZone);
    }

    /**
     * @param perMinute emails in any 60 seconds; 0: no limit
     * @param perDay    emails in any 24 hours; 0: no limit
     */
    public record Limits(@DefaultValue("30") int perMinute, @DefaultValue("500") int perDay) {

        public Limits {
            if (perMinute < 0 || perDay < 0) {
                throw new IllegalArgumentException("dealflow.mail.limits: per-minute and per-day are 0 (no limit) or"
                        + " more");
            }
        }
    }
}

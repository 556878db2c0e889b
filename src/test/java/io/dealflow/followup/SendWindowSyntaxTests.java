package io.dealflow.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The send window's syntax and its next opening, and a bad setting refused at startup. */
class SendWindowSyntaxTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static ZonedDateTime berlin(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN);
    }

    @Test
    void insideTheWindowAnEmailGoesNowOutsideItWaitsForTheNextOpening() {
        SendWindow window = SendWindow.parse("MON-FRI 09:00-17:00");

        assertThat(window.nextOpening(berlin("2027-01-05T09:00"))).as("Tuesday 09:00: the start is inside").isEmpty();
        assertThat(window.nextOpening(berlin("2027-01-05T16:59"))).isEmpty();
        assertThat(window.nextOpening(berlin("2027-01-05T03:00"))).contains(berlin("2027-01-05T09:00"));
        assertThat(window.nextOpening(berlin("2027-01-05T17:00"))).as("the end is outside")
                .contains(berlin("2027-01-06T09:00"));
        assertThat(window.nextOpening(berlin("2027-01-08T18:00"))).as("Friday evening: Monday")
                .contains(berlin("2027-01-11T09:00"));
        assertThat(window.nextOpening(berlin("2027-01-10T12:00"))).as("Sunday noon").contains(berlin("2027-01-11T09:00"));
    }

    @Test
    void daysAreListsAndRangesInAnyCaseAndTheDayMayEndAtMidnight() {
        SendWindow window = SendWindow.parse(" mon-wed,sat 08:30-24:00 ");

        assertThat(window.nextOpening(berlin("2027-01-06T23:59"))).as("Wednesday late").isEmpty();
        assertThat(window.nextOpening(berlin("2027-01-07T10:00"))).as("Thursday: Saturday")
                .contains(berlin("2027-01-09T08:30"));
        assertThat(SendWindow.parse("FRI-MON 10:00-11:00").nextOpening(berlin("2027-01-10T10:30"))).as("Sunday")
                .isEmpty();
    }

    @Test
    void alwaysIsNoWindow() {
        assertThat(SendWindow.parse("always").nextOpening(berlin("2027-01-10T03:00"))).isEmpty();
        assertThat(SendWindow.parse("ALWAYS")).isSameAs(SendWindow.ALWAYS);
    }

    @Test
    void aBadWindowIsRefusedNamingTheSettingAndWhatIsWrong() {
        assertThatThrownBy(() -> SendWindow.parse("weekdays 9-5")).hasMessageContaining("dealflow.mail.send-window")
                .hasMessageContaining("MON-FRI 09:00-17:00");
        assertThatThrownBy(() -> SendWindow.parse("MON-FRX 09:00-17:00")).hasMessageContaining("FRX is not a day");
        assertThatThrownBy(() -> SendWindow.parse("MON-FRI 17:00-09:00")).hasMessageContaining("end after they start");
        assertThatThrownBy(() -> SendWindow.parse("MON-FRI 09:00-25:00")).hasMessageContaining("25:00");
    }

    @Test
    void theAppRefusesToStartWithABadWindowOrZone() {
        ApplicationContextRunner app = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
                .withUserConfiguration(Settings.class);

        app.withPropertyValues("dealflow.mail.send-window=9 to 5").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("dealflow.mail.send-window '9 to 5'"));
        app.withPropertyValues("dealflow.mail.default-zone=Mars/Olympus").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("dealflow.mail.default-zone"));
        app.run(context -> {
            SendingProperties settings = context.getBean(SendingProperties.class);
            assertThat(settings.sendWindow()).isEqualTo("MON-FRI 09:00-17:00");
            assertThat(settings.zone()).isEqualTo(ZoneId.of("UTC"));
            assertThat(settings.limits()).isEqualTo(new SendingProperties.Limits(30, 500));
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SendingProperties.class)
    static class Settings {
    }
}

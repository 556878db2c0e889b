package io.dealflow.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StagePropertiesTests {

    @Test
    void readsWhatTheModelSays() {
        StageProperties properties = StageProperties.parse(Map.of("probability", " 0.4 ", "idleLimit", "P7D",
                "escalationLimit", "PT36H", "somethingElse", "x"));
        assertThat(properties).isEqualTo(new StageProperties(new BigDecimal("0.4"), Duration.ofDays(7),
                Duration.ofHours(36)));
    }

    @Test
    void aMissingPropertyHasItsDefault() {
        assertThat(StageProperties.parse(Map.of())).isEqualTo(new StageProperties(BigDecimal.ZERO, null, null));
        assertThat(StageProperties.parse(Map.of("idleLimit", "P3D")).escalationLimit()).isEqualTo(Duration.ofDays(6));
    }

    @Test
    void aValueThatMeansNothingIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> StageProperties.parse(Map.of("probability", "1.5")))
                .hasMessage("probability 1.5: it must be from 0 to 1, e.g. 0.25");
        assertThatThrownBy(() -> StageProperties.parse(Map.of("probability", "high")))
                .hasMessageContaining("it must be a number from 0 to 1");
        assertThatThrownBy(() -> StageProperties.parse(Map.of("escalationLimit", "7 days")))
                .hasMessageStartingWith("escalationLimit \"7 days\": it must be an ISO-8601 duration");
    }
}

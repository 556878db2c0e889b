package io.dealflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealflow.support.OnH2;
import java.util.Date;
import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.engine.impl.calendar.DurationHelper;
import org.junit.jupiter.api.Test;

/** The engine's timers get the JDK's own duration parser without a class path search (BENCHMARKS.md, imports). */
@OnH2
class TimerDatatypeFactoryTests {

    @Test
    void theEngineStartedWithTheJdksFactoryNamedAndTimersStillParseTheirDurations() throws Exception {
        assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY))
                .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        assertThat(DatatypeFactory.newInstance().getClass().getName())
                .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);

        Date start = new Date(0);
        assertThat(new DurationHelper("P2D", start).getDateAfter(start)).isEqualTo(new Date(2 * 24 * 3600 * 1000L));
    }
}

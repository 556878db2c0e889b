package io.dealflow.config;

import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Every timer the engine schedules (a follow-up's wait, a nurture step) parses its ISO 8601 duration with a new
 * {@link DatatypeFactory}, and without the system property {@value #PROPERTY} the JDK looks for a factory on the
 * whole class path each time, reading every jar's {@code META-INF/services}: 3 % of a lead import's CPU. The
 * property names the JDK's own factory, the one that lookup ends with anyway; one set on the command line wins.
 */
@Component
class TimerDatatypeFactory extends AbstractProcessEnginePlugin {

    static final String PROPERTY = DatatypeFactory.DATATYPEFACTORY_PROPERTY;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        }
    }
}

package io.dealflow.process.sales;

import io.dealflow.settings.DealflowProperties;
import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Registers {@link SalesModelParseListener} with the engine. */
@Component
public class SalesModelPlugin extends AbstractProcessEnginePlugin {

    private final String salesProcessKey;
    private final StageTaskListener stageListener;

    public SalesModelPlugin(DealflowProperties settings, StageTaskListener stageListener) {
        this.salesProcessKey = settings.salesProcessKey();
        this.stageListener = stageListener;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners()
                .add(new SalesModelParseListener(salesProcessKey, stageListener));
    }
}

package io.dealflow.config;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.springframework.stereotype.Component;

/**
 * The engine's history level {@value #NAME} ({@code camunda.bpm.history-level}): everything the level "full" records
 * (activities, tasks, decisions with their inputs and outputs, incidents, jobs, the user operation log, variables'
 * latest values) but the log of every value each variable ever had ({@code ACT_HI_DETAIL}, one row per variable
 * write). Nothing shows that log: Tasklist and Cockpit (Community Edition) have no view of it, and a deal's stage
 * history is our own ({@code stage_visit}); the personal-data export and erasure still look there, for rows written at
 * level "full". Leaving it out is a row and a dozen index entries fewer per variable write: about 5 per imported
 * lead and 8 per deal opening. Stage forms as submitted are still recorded there (form property events).
 *
 * <p>Its id is full's: the engine records the level's id in the database and refuses to start when
 * it differs from the configured one, so databases written with "full" (earlier versions of this app) start
 * unchanged, and a node still configured "full" can run next to one with this level.
 */
@Component
class HistoryWithoutVariableLog extends AbstractProcessEnginePlugin implements HistoryLevel {

    static final String NAME = "full-without-variable-log";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomHistoryLevels());
        levels.add(this);
        configuration.setCustomHistoryLevels(levels);
    }

    @Override
    public int getId() {
        return HISTORY_LEVEL_FULL.getId();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        return eventType != HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL;
    }
}

package io.dealflow.config;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantCommandChecker;
import org.springframework.stereotype.Component;

/**
 * The engine side of "Who may do what" (README): tasks follow {@link TeamTaskAuthorizations}; the people a task is
 * for may work it (claim, complete with its form, set its follow-up date: {@link NextStepAuthorization}) but not
 * write its variables (TASK_WORK, not UPDATE); and history is authorized per process instance, so a rep's history
 * shows their deals only.
 */
@Component
class AccessPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setResourceAuthorizationProvider(new TeamTaskAuthorizations());
        configuration.setDefaultUserPermissionNameForTask(TaskPermissions.TASK_WORK.getName());
        configuration.setEnableHistoricInstancePermissions(true);
        // the engine's own two checkers, the authorization one with the next-step rule
        configuration.setCommandCheckers(new ArrayList<>(List.of(new TenantCommandChecker(),
                new NextStepAuthorization())));
    }
}

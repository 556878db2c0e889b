package io.dealflow.process;

import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;

/**
 * The in-memory engine of the model tests ({@code *ModelTests}): no Spring, no app, each model deployed alone
 * with its forms, the adapters it names replaced by mocks ({@code Mocks.register}, read by the
 * {@link MockExpressionManager}). Built in code rather than from a {@code camunda.cfg.xml}, and taken out of the
 * static {@link ProcessEngines} registry, so that the Spring Boot tests in the same JVM still see their engine as
 * the only one ("default"); its own name and H2 database keep it apart from theirs.
 */
public final class ModelEngine {

    private static ProcessEngine engine;

    private ModelEngine() {
    }

    /** The one engine of the JVM's model tests, built on first use. */
    public static synchronized ProcessEngine get() {
        if (engine == null) {
            ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
            configuration.setProcessEngineName("dealflow-model-tests");
            configuration.setJdbcUrl("jdbc:h2:mem:dealflow-model-tests;DB_CLOSE_DELAY=-1");
            configuration.setDatabaseSchemaUpdate(ProcessEngineConfigurationImpl.DB_SCHEMA_UPDATE_CREATE_DROP);
            configuration.setJobExecutorActivate(false);
            configuration.setHistory(ProcessEngineConfigurationImpl.HISTORY_FULL);
            configuration.setExpressionManager(new MockExpressionManager());
            engine = configuration.buildProcessEngine();
            ProcessEngines.unregister(engine);
        }
        return engine;
    }

    /** The extension a model test registers: deploys its {@code @Deployment} resources, removes them after. */
    public static ProcessEngineExtension extension() {
        return ProcessEngineExtension.builder().useProcessEngine(get()).build();
    }

    /**
     * Works the instance's external task at {@code activityId} as the app's worker does ({@code workOn}): the task
     * must have {@code topic}, it is locked, its variables read (its input parameters among them; answered) and it
     * is completed with {@code variables}.
     */
    public static Map<String, Object> completeExternalTask(ProcessInstance instance, String activityId, String topic,
                                                           Map<String, Object> variables) {
        ExternalTaskService externalTasks = get().getExternalTaskService();
        ExternalTask task = externalTasks.createExternalTaskQuery().processInstanceId(instance.getId())
                .activityId(activityId).notLocked().singleResult();
        if (task == null) {
            throw new AssertionError("no external task at " + activityId);
        }
        if (!topic.equals(task.getTopicName())) {
            throw new AssertionError(activityId + " has topic " + task.getTopicName() + ", not " + topic);
        }
        externalTasks.lock(task.getId(), "model-tests", 60_000);
        Map<String, Object> locked = get().getRuntimeService().getVariables(task.getExecutionId());
        externalTasks.complete(task.getId(), "model-tests", variables);
        return locked;
    }

    public static Map<String, Object> completeExternalTask(ProcessInstance instance, String activityId, String topic) {
        return completeExternalTask(instance, activityId, topic, Map.of());
    }
}

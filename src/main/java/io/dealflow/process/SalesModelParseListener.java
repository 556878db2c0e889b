package io.dealflow.process;

import io.dealflow.stage.StageNameRule;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Every user task of the sales process is a deal stage. When the model is parsed (on deployment and
 * whenever the engine loads it), this refuses a stage that is not named in the past tense and attaches
 * the one stage listener to every stage.
 */
public class SalesModelParseListener extends AbstractBpmnParseListener {

    private final String salesProcessKey;
    private final TaskListener stageListener;

    public SalesModelParseListener(String salesProcessKey, TaskListener stageListener) {
        this.salesProcessKey = salesProcessKey;
        this.stageListener = stageListener;
    }

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        ProcessDefinitionEntity process = (ProcessDefinitionEntity) activity.getProcessDefinition();
        if (!salesProcessKey.equals(process.getKey())) {
            return;
        }
        String name = userTaskElement.attribute("name");
        StageNameRule.violation(name).ifPresent(reason -> {
            throw new ProcessEngineException("The sales process \"" + salesProcessKey + "\" cannot be deployed: "
                    + "stage \"" + (name == null ? "" : name) + "\" (user task " + activity.getId()
                    + ") is not named in the past tense: " + reason + ". Name a stage after the state the prospect "
                    + "has reached, e.g. \"Proposal sent\" rather than \"Send proposal\".");
        });
        TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, stageListener);
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, stageListener);
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_DELETE, stageListener);
    }
}

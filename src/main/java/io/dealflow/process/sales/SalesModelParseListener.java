package io.dealflow.process.sales;

import io.dealflow.access.Roles;
import io.dealflow.deal.DealVariables;
import io.dealflow.stage.StageNameRule;
import io.dealflow.stage.StageProperties;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;


/**
 * Every user task of the sales process is a deal stage. When the model is parsed (on deployment and
 * whenever the engine loads it), this refuses a stage that is not named in the past tense or whose
 * probability or idle limit is not readable, and attaches the one stage listener to every stage.
 */
public class SalesModelParseListener extends AbstractBpmnParseListener {

    private static final Namespace CAMUNDA = new Namespace(BpmnParser.CAMUNDA_BPMN_EXTENSIONS_NS);

    private final String salesProcessKey;
    private final TaskListener stageListener;

    public SalesModelParseListener(String salesProcessKey, TaskListener stageListener) {
        this.salesProcessKey = salesProcessKey;
        this.stageListener = stageListener;
    }

    private void refuse(String why) {
        throw new ProcessEngineException("The sales process \"" + salesProcessKey + "\" cannot be deployed: " + why);
    }

    /** The stage's extension properties must mean something: {@link StageProperties} says what each must be. */
    private void checkProperties(Element userTask, String stage) {
        Element extensions = userTask.element("extensionElements");
        Element properties = extensions == null ? null : extensions.elementNS(CAMUNDA, "properties");
        if (properties == null) {
            return;
        }
        Map<String, String> values = new HashMap<>();
        for (Element property : properties.elementsNS(CAMUNDA, "property")) {
            if (property.attribute("name") != null) {
                values.putIfAbsent(property.attribute("name"), property.attribute("value"));
            }
        }
        try {
            StageProperties.parse(values);
        } catch (IllegalArgumentException e) {
            refuse(stage + " has " + e.getMessage());
        }
    }

    /**
     * A stage the process owner drew without assignments (a new user task in Modeler) is the deal owner's, and the
     * sales team's while the deal has no owner, like the shipped stages: otherwise no rep could see it.
     */
    private static void assignToTheDealsOwner(TaskDefinition task) {
        ExpressionManager expressions = Context.getProcessEngineConfiguration().getExpressionManager();
        if (task.getAssigneeExpression() == null || task.getAssigneeExpression().getExpressionText().isBlank()) {
            task.setAssigneeExpression(expressions.createExpression("${" + DealVariables.OWNER + "}"));
        }
        if (task.getCandidateGroupIdExpressions().isEmpty() && task.getCandidateUserIdExpressions().isEmpty()) {
            task.addCandidateGroupIdExpression(expressions.createExpression(Roles.SALES));
        }
    }

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        ProcessDefinitionEntity process = (ProcessDefinitionEntity) activity.getProcessDefinition();
        if (!salesProcessKey.equals(process.getKey())) {
            return;
        }
        String name = userTaskElement.attribute("name");
        String stage = "stage \"" + (name == null ? "" : name) + "\" (user task " + activity.getId() + ")";
        StageNameRule.violation(name).ifPresent(reason -> refuse(stage + " is not named in the past tense: "
                + reason + ". Name a stage after the state the prospect has reached, e.g. \"Proposal sent\" rather "
                + "than \"Send proposal\"."));
        checkProperties(userTaskElement, stage);
        TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        assignToTheDealsOwner(task);
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, stageListener);
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, stageListener);
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, stageListener);
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_DELETE, stageListener);
    }
}

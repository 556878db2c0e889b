package io.dealflow.process.sales;

import io.dealflow.access.Roles;
import io.dealflow.deal.DealVariables;
import io.dealflow.stage.StageNameRule;
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

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;

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

    /** The stage's extension properties must mean something: a probability from 0 to 1, an ISO-8601 duration. */
    private void checkProperties(Element userTask, String stage) {
        Element extensions = userTask.element("extensionElements");
        Element properties = extensions == null ? null : extensions.elementNS(CAMUNDA, "properties");
        if (properties == null) {
            return;
        }
        for (Element property : properties.elementsNS(CAMUNDA, "property")) {
            String value = property.attribute("value");
            switch (String.valueOf(property.attribute("name"))) {
                case "probability" -> {
                    try {
                        BigDecimal probability = new BigDecimal(value.trim());
                        if (probability.signum() < 0 || probability.compareTo(BigDecimal.ONE) > 0) {
                            refuse(stage + " has probability " + value + ": it must be from 0 to 1, e.g. 0.25");
                        }
                    } catch (NumberFormatException | NullPointerException e) {
                        refuse(stage + " has probability \"" + value + "\": it must be a number from 0 to 1");
                    }
                }
                case "idleLimit", "escalationLimit" -> {
                    try {
                        Duration.parse(value.trim());
                    } catch (DateTimeParseException | NullPointerException e) {
                        refuse(stage + " has " + property.attribute("name") + " \"" + value + "\": it must be an "
                                + "ISO-8601 duration in days or hours, e.g. P7D or PT36H");
                    }
                }
                default -> { }
            }
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

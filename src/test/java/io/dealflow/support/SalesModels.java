package io.dealflow.support;

import java.io.IOException;
import java.io.InputStream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/** The shipped sales model, and the edits a process owner would make to it in Modeler. */
public final class SalesModels {

    private SalesModels() {
    }

    /** bpmn/sales-process.bpmn as it is on the classpath. */
    public static BpmnModelInstance shipped() {
        try (InputStream in = SalesModels.class.getResourceAsStream("/sales-process.bpmn")) {
            return Bpmn.readModelFromStream(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The shipped model with a stage "Demo held" (id DemoHeld, probability 0.15, idle limit P5D) between
     * "Meeting booked" and "Needs assessed".
     */
    public static BpmnModelInstance withDemoHeldStage() {
        BpmnModelInstance model = shipped();
        UserTask needsAssessed = model.getModelElementById("NeedsAssessed");
        SequenceFlow into = needsAssessed.getIncoming().iterator().next();
        Process process = model.getModelElementById("sales-process");

        UserTask demoHeld = model.newInstance(UserTask.class);
        demoHeld.setId("DemoHeld");
        demoHeld.setName("Demo held");
        demoHeld.setCamundaAssignee("${owner}");
        process.addChildElement(demoHeld);
        CamundaProperties properties = model.newInstance(CamundaProperties.class);
        properties.addChildElement(property(model, "probability", "0.15"));
        properties.addChildElement(property(model, "idleLimit", "P5D"));
        demoHeld.builder().addExtensionElement(properties);

        SequenceFlow out = model.newInstance(SequenceFlow.class);
        out.setId("DemoHeldToNeedsAssessed");
        process.addChildElement(out);
        out.setSource(demoHeld);
        out.setTarget(needsAssessed);
        needsAssessed.getIncoming().remove(into);
        into.setTarget(demoHeld);
        demoHeld.getIncoming().add(into);
        demoHeld.getOutgoing().add(out);
        needsAssessed.getIncoming().add(out);
        return model;
    }

    /**
     * The shipped model without the stage {@code stageId}, as a process owner removes it in Modeler: the flow
     * that led into the stage leads to where its "advance" led, and the stage, its decision gateway and their
     * flows (with their diagram shapes) are gone.
     */
    public static BpmnModelInstance withoutStage(String stageId) {
        BpmnModelInstance model = shipped();
        UserTask stage = model.getModelElementById(stageId);
        SequenceFlow into = stage.getIncoming().iterator().next();
        SequenceFlow toDecision = stage.getOutgoing().iterator().next();
        FlowNode decision = toDecision.getTarget();
        SequenceFlow advance = decision.getOutgoing().stream()
                .filter(flow -> flow.getConditionExpression() != null
                        && flow.getConditionExpression().getTextContent().contains("'advance'"))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(stageId + " has no advance flow"));
        FlowNode next = advance.getTarget();

        List<BaseElement> removed = new ArrayList<>(List.of(stage, toDecision, decision));
        removed.addAll(decision.getOutgoing());
        for (SequenceFlow out : decision.getOutgoing()) {
            out.getTarget().getIncoming().remove(out);
        }
        for (BpmnShape shape : List.copyOf(model.getModelElementsByType(BpmnShape.class))) {
            if (removed.contains(shape.getBpmnElement())) {
                shape.getParentElement().removeChildElement(shape);
            }
        }
        for (BpmnEdge edge : List.copyOf(model.getModelElementsByType(BpmnEdge.class))) {
            if (removed.contains(edge.getBpmnElement())) {
                edge.getParentElement().removeChildElement(edge);
            }
        }
        into.setTarget(next);
        stage.getIncoming().remove(into);
        next.getIncoming().add(into);
        for (BaseElement element : removed) {
            element.getParentElement().removeChildElement(element);
        }
        return model;
    }

    private static CamundaProperty property(BpmnModelInstance model, String name, String value) {
        CamundaProperty property = model.newInstance(CamundaProperty.class);
        property.setCamundaName(name);
        property.setCamundaValue(value);
        return property;
    }
}

package io.dealflow.stage;

import io.dealflow.settings.DealflowProperties;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.springframework.stereotype.Component;

/**
 * The stages of the deployed sales process, read from the model itself: its user tasks in the order a deal
 * meets them (breadth-first from the start event, into embedded subprocesses), with their probability, idle
 * limit and escalation limit.
 */
@Component
public class SalesModel {

    private final RepositoryService repository;
    private final String processKey;
    /** Deployed definitions never change, so their stages are read once. */
    private final Map<String, List<Stage>> stagesByDefinition = new ConcurrentHashMap<>();

    public SalesModel(RepositoryService repository, DealflowProperties settings) {
        this.repository = repository;
        this.processKey = settings.salesProcessKey();
    }

    public String processKey() {
        return processKey;
    }

    /** The latest version's stages in model order. */
    public List<Stage> currentStages() {
        return latest().map(definition -> stagesOf(definition.getId())).orElse(List.of());
    }

    public Optional<ProcessDefinition> latest() {
        return Optional.ofNullable(repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
                .latestVersion().singleResult());
    }

    /**
     * The latest stages, with the stages of older versions that {@code stillInUse} mentions inserted after the
     * stage that preceded them in their own version (or at the end when none did).
     */
    public List<Stage> stagesIncluding(Collection<String> stillInUse) {
        List<Stage> stages = new ArrayList<>(currentStages());
        Set<String> missing = new HashSet<>(stillInUse);
        stages.forEach(stage -> missing.remove(stage.key()));
        if (missing.isEmpty()) {
            return stages;
        }
        List<ProcessDefinition> older = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
                .orderByProcessDefinitionVersion().desc().list();
        for (ProcessDefinition definition : older) {
            List<Stage> versionStages = stagesOf(definition.getId());
            for (int i = 0; i < versionStages.size(); i++) {
                Stage stage = versionStages.get(i);
                if (!missing.remove(stage.key())) {
                    continue;
                }
                int at = stages.size();
                for (int j = i - 1; j >= 0; j--) {
                    int predecessor = indexOf(stages, versionStages.get(j).key());
                    if (predecessor >= 0) {
                        at = predecessor + 1;
                        break;
                    }
                }
                stages.add(at, stage);
            }
        }
        return stages;
    }

    /**
     * Every stage of every deployed version: the latest stages in order, then those that only older versions have,
     * each after its predecessor (see {@link #stagesIncluding}). For what a deal in a stage taken out of the model
     * still needs: its probability and idle limit.
     */
    public List<Stage> everyStage() {
        Set<String> keys = new HashSet<>();
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
                .list()) {
            stagesOf(definition.getId()).forEach(stage -> keys.add(stage.key()));
        }
        return stagesIncluding(keys);
    }

    public List<Stage> stagesOf(String processDefinitionId) {
        return stagesByDefinition.computeIfAbsent(processDefinitionId,
                id -> readStages(repository.getBpmnModelInstance(id)));
    }

    static List<Stage> readStages(BpmnModelInstance model) {
        Map<String, Stage> stages = new LinkedHashMap<>();
        readStages(model.getModelElementsByType(StartEvent.class).stream()
                .filter(start -> start.getParentElement() instanceof org.camunda.bpm.model.bpmn.instance.Process)
                .toList(), stages, new HashSet<>());
        // user tasks not reachable from the start (e.g. inside event subprocesses) are stages too
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            stages.putIfAbsent(task.getId(), stage(task));
        }
        return List.copyOf(stages.values());
    }

    /** Breadth-first from the starts; an embedded subprocess's stages count where the subprocess stands. */
    private static void readStages(Collection<StartEvent> starts, Map<String, Stage> stages, Set<String> seen) {
        Deque<FlowNode> queue = new ArrayDeque<>(starts);
        while (!queue.isEmpty()) {
            FlowNode node = queue.poll();
            if (!seen.add(node.getId())) {
                continue;
            }
            if (node instanceof UserTask task) {
                stages.put(task.getId(), stage(task));
            }
            if (node instanceof SubProcess subProcess && !subProcess.triggeredByEvent()) {
                readStages(subProcess.getChildElementsByType(StartEvent.class), stages, seen);
            }
            for (SequenceFlow flow : node.getOutgoing()) {
                queue.add(flow.getTarget());
            }
        }
    }

    /** The stage a user task of the sales model is, with what its extension properties say. */
    public static Stage stageOf(UserTask task) {
        return stage(task);
    }

    /** The task's properties as {@link StageProperties} reads them; the deployment already refused bad ones. */
    private static Stage stage(UserTask task) {
        StageProperties properties = StageProperties.parse(properties(task));
        return new Stage(task.getId(), task.getName(), properties.probability(), properties.idleLimit(),
                properties.escalationLimit());
    }

    private static int indexOf(List<Stage> stages, String key) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, String> properties(UserTask task) {
        Map<String, String> properties = new HashMap<>();
        if (task.getExtensionElements() != null) {
            task.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                    .flatMap(list -> list.getCamundaProperties().stream())
                    .filter(property -> property.getCamundaName() != null)
                    .forEach(property -> properties.putIfAbsent(property.getCamundaName(), property.getCamundaValue()));
        }
        return properties;
    }
}

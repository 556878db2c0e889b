package io.dealflow.deal;

import io.dealflow.settings.DealflowProperties;
import io.dealflow.company.Company;
import io.dealflow.contact.Contact;
import io.dealflow.stage.StageVisitRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import io.dealflow.access.NotAllowedException;
import io.dealflow.access.Viewer;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class DealService {

    /** The message name in the model (boundary event "Prospect replied"). */
    public static final String PROSPECT_REPLIED = "ProspectReplied";

    private final DealRepository deals;
    private final StageVisitRepository visits;
    private final RuntimeService runtime;
    private final List<DealViewPart> parts;
    private final TaskService tasks;
    private final String taskTable;
    private final ApplicationEventPublisher events;
    private final String salesProcessKey;
    private final String baseCurrency;

    public DealService(DealRepository deals, StageVisitRepository visits, RuntimeService runtime,
                       List<DealViewPart> parts, TaskService tasks, ManagementService management,
                       ApplicationEventPublisher events,
                       DealflowProperties settings) {
        this.deals = deals;
        this.visits = visits;
        this.runtime = runtime;
        this.parts = parts;
        this.tasks = tasks;
        this.taskTable = management.getTableName(Task.class);
        this.events = events;
        this.salesProcessKey = settings.salesProcessKey();
        this.baseCurrency = settings.pipeline().baseCurrency();
    }

    /**
     * Starts the sales process with the opening data; its service tasks store the company, the contacts and
     * the deal. Records and process instance are written in this one transaction, or not at all.
     */
    @Transactional
    public Long open(DealOpening opening) {
        var instance = runtime.createProcessInstanceByKey(salesProcessKey)
                .setVariable(DealOpening.VARIABLE, Variables.objectValue(opening, true).create())
                .executeWithVariablesInReturn();
        return (Long) instance.getVariables().get(DealVariables.DEAL_ID);
    }

    /** Called by the process's "Open deal" task. */
    @Transactional
    public Deal create(DealOpening opening, Company company, List<Contact> contacts, String processInstanceId,
                       Instant now) {
        MonthlyValue value = opening.monthlyValue() != null ? opening.monthlyValue()
                : MonthlyValue.unknown(baseCurrency);
        Deal deal = new Deal(opening.title().trim(), company, opening.owner(), value, opening.meetingAt(), now);
        for (int i = 0; i < contacts.size(); i++) {
            deal.addContact(contacts.get(i), opening.contacts().get(i).role());
        }
        deal.startedAs(processInstanceId);
        Deal saved = deals.save(deal);
        events.publishEvent(new DealOwnerChanged(saved.getId(), processInstanceId, saved.getOwner(), true));
        return saved;
    }

    /**
     * Gives the deal to {@code newOwner} (null: to the sales team), as the viewer asked. Its open stage is
     * reassigned in the engine; the stage's assignment then changes the deal's owner ({@link #ownerIs}), the same
     * way as a claim or an assignment in Tasklist.
     */
    @Transactional
    public DealView reassign(Long dealId, String newOwner, Viewer viewer) {
        Deal deal = visibleTo(dealId, viewer);
        if (deal.isClosed()) {
            throw new DealClosedException(deal);
        }
        if (!viewer.mayReassign(deal.getOwner(), newOwner)) {
            throw new NotAllowedException("A sales rep may take a team deal or hand over their own deal; "
                    + "giving deals to others is for management");
        }
        List<Task> stages = tasks.createTaskQuery().processInstanceId(deal.getProcessInstanceId()).active().list();
        stages.forEach(stage -> tasks.setAssignee(stage.getId(), newOwner));
        if (stages.isEmpty()) {
            ownerIs(dealId, newOwner);
        }
        return view(dealId);
    }

    /**
     * The deal's stage was assigned to {@code owner} (null: unassigned, the team's): the deal follows, and so do
     * the next stages (the model assigns them to the variable {@value DealVariables#OWNER}).
     */
    @Transactional
    public void ownerIs(Long dealId, String owner) {
        Deal deal = get(dealId);
        if (Objects.equals(deal.getOwner(), owner)) {
            return;
        }
        change(dealId, changed -> changed.ownedBy(owner));
        runtime.setVariable(deal.getProcessInstanceId(), DealVariables.OWNER, owner);
        events.publishEvent(new DealOwnerChanged(dealId, deal.getProcessInstanceId(), owner));
    }

    /** Takes over what a stage form may have answered that belongs to the deal record. */
    @Transactional
    public Deal recordStageAnswers(Long dealId, BigDecimal monthlyAmount, LocalDate decisionDate) {
        return change(dealId, deal -> {
            if (monthlyAmount != null) {
                deal.changeAmount(monthlyAmount);
            }
            if (decisionDate != null) {
                deal.expectDecisionOn(decisionDate);
            }
        });
    }

    /** Called when the deal's process reaches a stage (a user task of the sales process). */
    @Transactional
    public Deal enterStage(Long dealId, String stageKey, String stageName, Instant at) {
        return change(dealId, deal -> deal.enterStage(stageKey, stageName, at));
    }

    @Transactional
    public void win(Long dealId, Instant at) {
        change(dealId, deal -> deal.win(at));
    }

    @Transactional
    public void lose(Long dealId, LostReason reason, String note, Instant at) {
        change(dealId, deal -> deal.lose(reason, note, at));
    }

    /**
     * A deal whose process instance is gone without a decision (cancelled in Cockpit, where custom listeners
     * are skipped by default): recorded as lost, reason OTHER, so it leaves the pipeline and the idle reminders.
     */
    @Transactional
    public void closeAbandoned(Long dealId, Instant at) {
        Deal deal = get(dealId);
        if (deal.getStatus() != DealStatus.OPEN) {
            return;
        }
        change(dealId, open -> open.lose(LostReason.OTHER, "The process instance was cancelled without a decision", at));
        visits.findByDealIdAndLeftAtIsNull(dealId).forEach(visit -> visit.leave(at, null, "cancelled"));
    }

    /**
     * Every change of an existing deal goes through here and is published, so the pipeline's running totals follow
     * it; a closed
     * deal never changes.
     */
    private Deal change(Long dealId, Consumer<Deal> change) {
        Deal deal = get(dealId);
        if (deal.isClosed()) {
            throw new DealClosedException(deal);
        }
        var before = DealChanged.State.of(deal);
        change.accept(deal);
        events.publishEvent(new DealChanged(dealId, before, DealChanged.State.of(deal)));
        return deal;
    }

    /** A contact left the deal: the stage forms of its running process list the remaining ones. */
    @Transactional
    public void contactsChanged(Long dealId) {
        Deal deal = get(dealId);
        String instance = deal.getProcessInstanceId();
        if (instance != null && runtime.createProcessInstanceQuery().processInstanceId(instance).count() == 1) {
            runtime.setVariable(instance, DealVariables.CONTACT_NAMES, DealVariables.contactNames(deal));
        }
    }

    /**
     * The prospect answered: the BPMN message {@value #PROSPECT_REPLIED} stops the follow-ups of the deal's
     * current stage (the stage itself stays). Answers how many follow-up sequences were stopped.
     */
    @Transactional
    public int replied(Long dealId, Viewer viewer) {
        visibleTo(dealId, viewer);
        return replied(dealId);
    }

    /** {@link #replied(Long, Viewer)} as the system (a reply read from the sales mailbox): no viewer to check. */
    @Transactional
    public int replied(Long dealId) {
        Deal deal = get(dealId);
        if (deal.getStatus() != DealStatus.OPEN) {
            return 0;
        }
        return runtime.createMessageCorrelation(PROSPECT_REPLIED).processInstanceId(deal.getProcessInstanceId())
                .correlateAllWithResult().size();
    }

    /** The deal as the viewer may see it: another rep's deal does not exist for them. */
    @Transactional(readOnly = true)
    public DealView view(Long dealId, Viewer viewer) {
        visibleTo(dealId, viewer);
        return view(dealId);
    }

    private Deal visibleTo(Long dealId, Viewer viewer) {
        Deal deal = get(dealId);
        if (!viewer.maySee(deal.getOwner())) {
            throw new DealNotFoundException(dealId);
        }
        return deal;
    }

    @Transactional(readOnly = true)
    public DealView view(Long dealId) {
        Map<String, List<?>> shown = new LinkedHashMap<>();
        parts.forEach(part -> shown.put(part.name(), part.of(dealId)));
        Deal deal = get(dealId);
        // a closed deal has no next step: its stage tasks are not even looked up
        NextStep next = deal.getStatus() != DealStatus.OPEN || deal.getProcessInstanceId() == null ? NextStep.NONE
                : NextStep.of(stageTasks(deal.getProcessInstanceId()), ClockUtil.getCurrentTime().toInstant());
        return DealView.of(deal, visits.findByDealIdOrderByEnteredAtAscIdAsc(dealId), next, shown);
    }

    /**
     * The stage tasks of the deal's process: one fixed statement. The task query builds its SQL anew from some
     * hundred conditions on every call, which was a tenth of an opening's CPU (BENCHMARKS.md, "Opening a deal");
     * the caller has checked that the viewer may see the deal, which the query's authorization check would repeat.
     */
    private List<Task> stageTasks(String processInstanceId) {
        return tasks.createNativeTaskQuery()
                .sql("select * from " + taskTable + " where PROC_INST_ID_ = #{processInstanceId}")
                .parameter("processInstanceId", processInstanceId)
                .list();
    }

    @Transactional(readOnly = true)
    public Deal get(Long dealId) {
        return deals.findById(dealId).orElseThrow(() -> new DealNotFoundException(dealId));
    }
}

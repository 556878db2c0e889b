package io.dealflow.deal;

import io.dealflow.company.Company;
import io.dealflow.contact.Contact;
import io.dealflow.followup.FollowUpRepository;
import io.dealflow.pipeline.PipelinePosition;
import io.dealflow.pipeline.StageTotals;
import io.dealflow.stage.StageVisitRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class DealService {

    /** The message name in the model (boundary event "Prospect replied"). */
    public static final String PROSPECT_REPLIED = "ProspectReplied";

    private final DealRepository deals;
    private final StageVisitRepository visits;
    private final RuntimeService runtime;
    private final FollowUpRepository followUps;
    private final StageTotals stageTotals;
    private final String salesProcessKey;

    public DealService(DealRepository deals, StageVisitRepository visits, RuntimeService runtime,
                       FollowUpRepository followUps, StageTotals stageTotals,
                       @Value("${dealflow.sales-process-key}") String salesProcessKey) {
        this.deals = deals;
        this.visits = visits;
        this.runtime = runtime;
        this.followUps = followUps;
        this.stageTotals = stageTotals;
        this.salesProcessKey = salesProcessKey;
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
        Deal deal = new Deal(opening.title().trim(), company, opening.owner(), opening.monthlyValue(),
                opening.meetingAt(), now);
        for (int i = 0; i < contacts.size(); i++) {
            deal.addContact(contacts.get(i), opening.contacts().get(i).role());
        }
        deal.startedAs(processInstanceId);
        return deals.save(deal);
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

    /** Every change of an existing deal goes through here, so the pipeline's running totals follow it. */
    private Deal change(Long dealId, Consumer<Deal> change) {
        Deal deal = get(dealId);
        var before = PipelinePosition.of(deal);
        change.accept(deal);
        stageTotals.moved(before, PipelinePosition.of(deal));
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
    public int replied(Long dealId) {
        Deal deal = get(dealId);
        if (deal.getStatus() != DealStatus.OPEN) {
            return 0;
        }
        return runtime.createMessageCorrelation(PROSPECT_REPLIED).processInstanceId(deal.getProcessInstanceId())
                .correlateAllWithResult().size();
    }

    @Transactional(readOnly = true)
    public DealView view(Long dealId) {
        return DealView.of(get(dealId), visits.findByDealIdOrderByEnteredAtAscIdAsc(dealId),
                followUps.findByDealIdOrderByCreatedAtAscIdAsc(dealId));
    }

    @Transactional(readOnly = true)
    public Deal get(Long dealId) {
        return deals.findById(dealId).orElseThrow(() -> new DealNotFoundException(dealId));
    }
}

package io.dealflow.lead;

import io.dealflow.settings.DealflowProperties;
import io.dealflow.contact.ContactDetails;
import io.dealflow.contact.ContactService;
import io.dealflow.contact.ContactView;
import io.dealflow.web.ConcurrentWrites;
import java.time.Instant;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every way a lead comes in (API, web form, import row) ends here: the first submission of a person starts the
 * lead process; a later one is a new engagement, correlated to their running process as the message
 * {@value #LEAD_ENGAGED} (which qualifies the answers again). The process's service tasks store the records.
 *
 * <p>Concurrent first submissions of the same person meet on the unique email (and on the one lead per
 * contact): the losers' transactions roll back and are tried again, and then find the person. Later ones wait
 * for each other on the lead's row lock; the engine's optimistic lock (a timer of the process firing at the
 * same moment) and a database deadlock between two of them are retried the same way.
 */
@Service
public class LeadIntake {

    public static final String LEAD_ENGAGED = "LeadEngaged";

    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final ContactService contacts;
    private final LeadParties parties;
    private final LeadService leads;
    private final TransactionTemplate transaction;
    private final String processKey;

    public LeadIntake(RuntimeService runtime, RepositoryService repository, ContactService contacts,
                      LeadParties parties, LeadService leads,
                      PlatformTransactionManager transactions,
                      DealflowProperties settings) {
        this.runtime = runtime;
        this.repository = repository;
        this.contacts = contacts;
        this.parties = parties;
        this.leads = leads;
        this.transaction = new TransactionTemplate(transactions);
        this.processKey = settings.leadProcessKey();
    }

    public LeadCaptured capture(LeadSubmission submission) {
        return ConcurrentWrites.retried(transaction, () -> captureOnce(submission));
    }

    /** The same, in the caller's transaction, which the caller retries (an Idempotency-Key's, see IdempotentRequests). */
    public LeadCaptured captureInCallersTransaction(LeadSubmission submission) {
        return captureOnce(submission);
    }

    /**
     * The lead process's latest version, for a batch of import rows to start: the engine looks it up for every
     * instance started by key, a query per row; a batch looks it up once. A version deployed meanwhile is taken from
     * the next batch on.
     */
    public String latestLeadProcess() {
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
                .latestVersion().singleResult();
        return latest == null ? null : latest.getId(); // none deployed: starting by key then says so
    }

    /**
     * An import row, in the caller's transaction (a batch of the import): the same intake, with the lead process's
     * version given ({@link #latestLeadProcess()}), answering only whether the person was new, which is all the
     * import's report needs; the lead, contact and deal are not looked up again afterwards (three queries fewer per
     * row).
     */
    public boolean importInCallersTransaction(LeadSubmission submission, String leadProcess) {
        return engage(submission, leadProcess);
    }

    private LeadCaptured captureOnce(LeadSubmission submission) {
        boolean isNew = engage(submission, null);
        ContactView contact = contacts.viewByEmail(submission.contact().email()).orElseThrow();
        Lead lead = leads.ofContact(contact.id()).orElseThrow();
        return new LeadCaptured(lead.getId(), contact.id(), lead.getCompanyId(), lead.getOutcome(), lead.getSegment(),
                lead.getStatus(), leads.openDealOf(contact.id(), lead.getCompanyId()).orElse(null), isNew);
    }

    /**
     * Starts the person's lead process (the given version, else the latest), or engages their running one; true when
     * the person had no lead yet.
     */
    private boolean engage(LeadSubmission submission, String leadProcess) {
        // a known person's submissions are taken one at a time: each sees the process as the last one left it
        var known = contacts.findByEmail(submission.contact().email())
                .flatMap(contact -> leads.lockOfContact(contact.getId()));
        String running = known.map(Lead::getProcessInstanceId).filter(this::isRunning).orElse(null);
        if (running == null) {
            (leadProcess == null ? runtime.createProcessInstanceByKey(processKey)
                    : runtime.createProcessInstanceById(leadProcess))
                    .setVariable(LeadSubmission.VARIABLE, Variables.objectValue(submission, true).create())
                    .execute();
        } else if (runtime.createMessageCorrelation(LEAD_ENGAGED).processInstanceId(running)
                .setVariable(LeadSubmission.VARIABLE, Variables.objectValue(submission, true).create())
                .correlateAllWithResult().isEmpty()) {
            // with sales right now ("Book the meeting"): keep what is new, the process goes on as it is
            Instant now = Instant.now();
            var company = parties.company(submission, now).orElse(null);
            var contact = parties.contact(submission, company, now);
            leads.record(contact.getId(), company == null ? null : company.getId(), submission, running, now);
        }
        return known.isEmpty();
    }

    /**
     * A reply of the lead (or any engagement that brings no form): the lead is qualified again with its known
     * answers, updated by those given. Nothing to engage when the lead's process is with sales or has ended.
     */
    public LeadCaptured replied(Long leadId, QualificationAnswers changed) {
        Lead lead = leads.get(leadId);
        QualificationAnswers known = lead.answers();
        QualificationAnswers answers = changed == null ? known : new QualificationAnswers(
                changed.budget() != null ? changed.budget() : known.budget(),
                changed.authority() != null ? changed.authority() : known.authority(),
                changed.need() != null ? changed.need() : known.need(),
                changed.timeline() != null ? changed.timeline() : known.timeline(),
                changed.employees() != null ? changed.employees() : known.employees());
        var contact = contacts.get(lead.getContactId());
        var company = contacts.companyOf(lead.getContactId());
        return capture(new LeadSubmission(
                new ContactDetails(contact.getEmail(), null, null, null, null, null),
                company == null ? null : company.getName(), company == null ? null : company.getDomain(), answers,
                null, "reply"));
    }

    private boolean isRunning(String processInstanceId) {
        return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
    }
}

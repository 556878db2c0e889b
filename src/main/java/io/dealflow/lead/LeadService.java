package io.dealflow.lead;

import io.dealflow.settings.DealflowProperties;
import io.dealflow.contact.ConsentConfirmations;
import io.dealflow.contact.ConsentWithdrawn;
import io.dealflow.contact.ContactDetails;
import io.dealflow.contact.ContactService;
import io.dealflow.deal.ContactRole;
import io.dealflow.deal.DealOpening;
import io.dealflow.deal.DealService;
import io.dealflow.deal.MonthlyValue;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The lead records behind the lead process's service tasks: what was asked, how it qualified, the hand-offs. */
@Service
public class LeadService {

    public static final String LEAD_UNSUBSCRIBED = "LeadUnsubscribed";

    private final LeadRepository leads;
    private final List<LeadViewPart> parts;
    private final HandOffRepository handOffs;
    private final ContactService contacts;
    private final DealService deals;
    private final IdentityService identities;
    private final RuntimeService runtime;
    private final JdbcTemplate jdbc;
    private final PublicSubmissionRepository publicSubmissions;
    private final ConsentConfirmations confirmations;
    private final String baseCurrency;
    private final String salesGroup;

    public LeadService(LeadRepository leads, HandOffRepository handOffs, ContactService contacts, DealService deals,
                       IdentityService identities, @Lazy RuntimeService runtime, JdbcTemplate jdbc,
                       PublicSubmissionRepository publicSubmissions, ConsentConfirmations confirmations,
                       DealflowProperties settings, List<LeadViewPart> parts) {
        this.parts = parts;
        this.leads = leads;
        this.handOffs = handOffs;
        this.contacts = contacts;
        this.deals = deals;
        this.identities = identities;
        this.runtime = runtime;
        this.jdbc = jdbc;
        this.publicSubmissions = publicSubmissions;
        this.confirmations = confirmations;
        this.baseCurrency = settings.pipeline().baseCurrency();
        this.salesGroup = settings.leads().salesGroup();
    }

    /** The contact's lead with the latest answers, created on the first submission. */
    @Transactional
    public Lead record(Long contactId, Long companyId, QualificationAnswers answers, String source,
                       String processInstanceId, Instant now) {
        Lead lead = leads.findByContactId(contactId).map(existing -> {
            String running = existing.getProcessInstanceId();
            if (running != null && !running.equals(processInstanceId)
                    && runtime.createProcessInstanceQuery().processInstanceId(running).count() > 0) {
                // a concurrent first submission of this person started the lead's process while this one was on
                // its way: this one is rolled back and taken again as an engagement of that process (LeadIntake)
                throw new ConcurrencyFailureException("The lead of contact " + contactId + " already runs in "
                        + running);
            }
            existing.countSubmission();
            return existing;
        }).orElseGet(() -> new Lead(contactId, companyId, source, now));
        lead.engaged(answers, companyId, source, now);
        lead.runsIn(processInstanceId);
        return leads.save(lead);
    }

    /**
     * The lead of a submission. One from the public form is also kept on the lead as it was sent (the contact
     * and company are not changed by it, see {@link LeadParties}); and a person without marketing consent who
     * asked for it gets a confirmation email instead (double opt-in, the process "consent-confirmation").
     */
    @Transactional
    public Lead record(Long contactId, Long companyId, LeadSubmission submission, String processInstanceId,
                       Instant now) {
        Lead lead = record(contactId, companyId, submission.answers(), submission.source(), processInstanceId, now);
        if (submission.isPublic()) {
            publicSubmissions.save(new PublicSubmission(lead.getId(), submission, now));
            if (submission.asksConsent()) {
                confirmations.request(contactId, submission.contact().consent().getText(), now)
                        .ifPresent(confirmation -> runtime.startProcessInstanceByKey(ConsentConfirmations.PROCESS_KEY,
                                Map.of(ConsentConfirmations.VARIABLE, confirmation.getId(), "leadId", lead.getId())));
            }
        }
        return lead;
    }

    @Transactional(readOnly = true)
    public LeadView view(Long leadId) {
        Lead lead = get(leadId);
        Map<String, List<?>> shown = new LinkedHashMap<>();
        parts.forEach(part -> shown.put(part.name(), part.of(leadId)));
        boolean undeliverable = lead.getContactId() != null && !contacts.get(lead.getContactId()).isDeliverable();
        return LeadView.of(lead, submissionsOf(leadId), undeliverable, shown);
    }

    /** What the person sent through the public form, oldest first. */
    @Transactional(readOnly = true)
    public List<LeadView.Submitted> submissionsOf(Long leadId) {
        return publicSubmissions.findByLeadIdOrderBySubmittedAtAscIdAsc(leadId).stream()
                .map(PublicSubmission::view).toList();
    }

    @Transactional
    public void qualified(Long leadId, String outcome, String segment, Instant now) {
        Lead lead = get(leadId);
        lead.qualified(outcome, segment, now);
        lead.moveTo("SQL".equals(outcome) ? LeadStatus.WITH_SALES : LeadStatus.NURTURING, now);
    }

    /**
     * Marketing hands the lead to sales: a hand-off is recorded, unless the person already takes part in an
     * open deal with their company; then that deal's id is answered and nothing new is opened.
     */
    @Transactional
    public Optional<Long> handOver(Long leadId, Instant now) {
        Lead lead = get(leadId);
        Optional<Long> openDeal = openDealOf(lead.getContactId(), lead.getCompanyId());
        if (openDeal.isPresent()) {
            lead.moveTo(LeadStatus.CONVERTED, now);
            return openDeal;
        }
        handOffs.save(new HandOff(leadId, now));
        return Optional.empty();
    }

    /** Sales took the lead: a deal at the first stage, owned by whoever accepted it (or the least busy rep). */
    @Transactional
    public Long openDeal(Long leadId, String acceptedBy, Instant meetingAt, Instant now) {
        Lead lead = get(leadId);
        var contact = contacts.get(lead.getContactId());
        var company = lead.getCompanyId() == null ? null : contacts.companyOf(lead.getContactId());
        String owner = acceptedBy != null ? acceptedBy : leastBusyRep();
        // a person without a known company: the deal is named after the lead, never after the person (GDPR)
        String companyName = company != null ? company.getName() : "Lead " + leadId;
        DealOpening opening = new DealOpening(companyName + ": from lead", companyName,
                company == null ? null : company.getDomain(),
                List.of(new DealOpening.Participant(new ContactDetails(contact.getEmail(), null, null, null, null, null),
                        ContactRole.DECISION_MAKER)),
                MonthlyValue.unknown(baseCurrency), owner, meetingAt);
        Long dealId = deals.open(opening);
        handOffs.findFirstByLeadIdAndDecisionIsNullOrderByIdDesc(leadId)
                .ifPresent(handOff -> handOff.accepted(dealId, owner, now));
        lead.moveTo(LeadStatus.CONVERTED, now);
        return dealId;
    }

    /** Sales sends the lead back ("not a real SQL"): counted, and the lead goes back to nurturing. */
    @Transactional
    public void reject(Long leadId, String reason, String note, String by, Instant now) {
        Lead lead = get(leadId);
        handOffs.findFirstByLeadIdAndDecisionIsNullOrderByIdDesc(leadId)
                .ifPresent(handOff -> handOff.rejected(reason, note, by, now));
        lead.moveTo(LeadStatus.NURTURING, now);
    }

    /** The hand-off sales has not decided on yet, if any. */
    @Transactional(readOnly = true)
    public Optional<Long> undecidedHandOff(Long leadId) {
        return handOffs.findFirstByLeadIdAndDecisionIsNullOrderByIdDesc(leadId).map(HandOff::getId);
    }

    /** Unsubscribing ends nurturing: the lead process gets the message {@value #LEAD_UNSUBSCRIBED}. */
    @EventListener
    @Transactional
    public void consentWithdrawn(ConsentWithdrawn event) {
        leads.findByContactId(event.contactId()).ifPresent(lead -> {
            if (lead.getStatus() == LeadStatus.NURTURING || lead.getStatus() == LeadStatus.NEW) {
                lead.moveTo(LeadStatus.UNSUBSCRIBED, Instant.now());
            }
            if (lead.getProcessInstanceId() != null) {
                runtime.createMessageCorrelation(LEAD_UNSUBSCRIBED).processInstanceId(lead.getProcessInstanceId())
                        .correlateAllWithResult();
            }
        });
    }

    /** The person's lead, locked for this transaction, so that their submissions are taken one at a time. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Lead> lockOfContact(Long contactId) {
        return leads.lockByContactId(contactId);
    }

    @Transactional(readOnly = true)
    public Optional<Lead> ofContact(Long contactId) {
        return leads.findByContactId(contactId);
    }

    @Transactional(readOnly = true)
    public Lead get(Long leadId) {
        return leads.findById(leadId).orElseThrow(() -> new LeadNotFoundException(leadId));
    }

    /** The newest open deal the person takes part in with this company (any company when none is known). */
    @Transactional(readOnly = true)
    public Optional<Long> openDealOf(Long contactId, Long companyId) {
        String openDeals = """
                select d.id from deal d join deal_contact dc on dc.deal_id = d.id
                where dc.contact_id = ? and d.status = 'OPEN' %s order by d.id desc""";
        List<Long> ids = companyId == null
                ? jdbc.queryForList(openDeals.formatted(""), Long.class, contactId)
                : jdbc.queryForList(openDeals.formatted("and d.company_id = ?"), Long.class, contactId, companyId);
        return ids.stream().findFirst();
    }

    /** The member of the sales group with the fewest open deals (ties: by user id). */
    private String leastBusyRep() {
        List<User> reps = identities.createUserQuery().memberOfGroup(salesGroup).orderByUserId().asc().list();
        if (reps.isEmpty()) {
            throw new IllegalStateException("No user in the group " + salesGroup + " to own the lead's deal");
        }
        Map<String, Long> openDeals = new HashMap<>();
        jdbc.query("select owner, count(*) from deal where status = 'OPEN' group by owner",
                rs -> {
                    openDeals.put(rs.getString(1), rs.getLong(2));
                });
        // reps are in user id order, and min keeps the first of equals
        return reps.stream().map(User::getId)
                .min(Comparator.comparingLong(rep -> openDeals.getOrDefault(rep, 0L))).orElseThrow();
    }
}

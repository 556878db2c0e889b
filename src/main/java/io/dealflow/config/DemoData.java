package io.dealflow.config;

import io.dealflow.cluster.StartupTask;
import io.dealflow.contact.ContactDetails;
import io.dealflow.contact.MarketingConsent;
import io.dealflow.deal.ContactRole;
import io.dealflow.deal.DealOpening;
import io.dealflow.deal.DealRepository;
import io.dealflow.deal.DealService;
import io.dealflow.deal.MonthlyValue;
import io.dealflow.lead.LeadIntake;
import io.dealflow.lead.LeadRequest;
import io.dealflow.lead.QualificationAnswers;
import io.dealflow.deal.StageOutcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A dozen deals spread over the stages, so the first start shows a live pipeline in Cockpit and tasks in
 * Tasklist. Deals are opened and moved through the real process, back-dated with the engine clock so the
 * stage history looks lived in. Runs once: only while there is no deal at all (checked under the start-up lock,
 * so of several nodes started at once on an empty database only the first opens them).
 */
@Component
@Order(2)
@Profile("!prod")
@ConditionalOnProperty(name = "dealflow.demo-data", havingValue = "true")
public class DemoData implements StartupTask {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    /** stagesPassed: how many stages the deal has moved on from; ending: null (open), "won" or "lost". */
    record DemoDeal(String company, String domain, String first, String last, String title, String amount,
                    String currency, String owner, int daysAgo, int stagesPassed, String ending) {
    }

    static final List<DemoDeal> DEALS = List.of(
            new DemoDeal("Acme Logistics", "acme-logistics.example", "Dana", "Ionescu", "Route planning rollout", "1250.50", "EUR", "sam", 2, 0, null),
            new DemoDeal("Borealis Foods", "borealis-foods.example", "Erik", "Lund", "Shop-floor analytics", "800", "EUR", "sam", 4, 0, null),
            new DemoDeal("Carpathia Tours", "carpathia-tours.example", "Ioana", "Pop", "Booking automation", "2400", "RON", "sam", 10, 0, null),
            new DemoDeal("Delta Clinics", "delta-clinics.example", "Mihai", "Radu", "Patient reminders", "1500", "EUR", "mia", 9, 1, null),
            new DemoDeal("Evergreen Energy", "evergreen-energy.example", "Sofia", "Marin", "Field service app", "3200", "EUR", "sam", 30, 1, null),
            new DemoDeal("Fjord Shipping", "fjord-shipping.example", "Lars", "Berg", "Fleet dashboard", "4100", "EUR", "sam", 20, 2, null),
            new DemoDeal("Granite Legal", "granite-legal.example", "Ana", "Stan", "Contract workflows", "950", "EUR", "mia", 25, 2, null),
            new DemoDeal("Harbor Retail", "harbor-retail.example", "Paul", "Nistor", "Loyalty programme", "5600", "RON", "sam", 30, 3, null),
            new DemoDeal("Iris Media", "iris-media.example", "Elena", "Vasile", "Content calendar", "700", "EUR", "sam", 35, 4, null),
            new DemoDeal("Juniper Labs", "juniper-labs.example", "Tom", "Gray", "Lab scheduling", "2100", "EUR", "mia", 45, 5, "won"),
            new DemoDeal("Kestrel Air", "kestrel-air.example", "Maria", "Dobre", "Crew rostering", "3900", "EUR", "sam", 40, 2, "lost"),
            new DemoDeal("Lumen Schools", "lumen-schools.example", "Radu", "Enache", "Parent portal", "600", "EUR", "sam", 28, 1, "lost"));

    /** Leads from the website form: one to book (Tasklist "Leads to book"), one nurtured, one with a meeting. */
    static final List<LeadRequest> LEADS = List.of(
            demoLead("nora@nova-robotics.example", "Nora", "Vlad", "Nova Robotics", "https://www.nova-robotics.example",
                    new QualificationAnswers(true, true, true, "NOW", 400), null),
            demoLead("oscar@orbit-coffee.example", "Oscar", "Dumitru", "Orbit Coffee", "orbit-coffee.example",
                    new QualificationAnswers(true, false, true, "YEAR", 35), null),
            demoLead("petra@pine-analytics.example", "Petra", "Ilie", "Pine Analytics", "pine-analytics.example",
                    new QualificationAnswers(true, true, true, "NOW", 1200),
                    Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS)));

    private final DealService deals;
    private final DealRepository dealRecords;
    private final TaskService tasks;
    private final IdentityService identity;
    private final LeadIntake leads;

    public DemoData(DealService deals, DealRepository dealRecords, TaskService tasks, IdentityService identity,
                    LeadIntake leads) {
        this.deals = deals;
        this.dealRecords = dealRecords;
        this.tasks = tasks;
        this.identity = identity;
        this.leads = leads;
    }

    private static LeadRequest demoLead(String email, String first, String last, String company, String website,
                                        QualificationAnswers answers, Instant meetingAt) {
        return new LeadRequest(email, first, last, company, website, null, null,
                new LeadRequest.Consent(true, "website form", "I agree that you may email me about your products."),
                answers, meetingAt, "demo data");
    }

    /**
     * Never stops the app: demo data is a convenience, and the model is the process owner's to change. A deal
     * the current model cannot take as described is left where it got to, and said so in the log.
     */
    @Override
    public void run() {
        if (dealRecords.count() > 0) {
            return;
        }
        Instant now = Instant.now();
        int opened = 0;
        int captured = 0;
        try {
            for (DemoDeal demo : DEALS) {
                opened += attempt("deal " + demo.title(), () -> create(demo, now));
            }
            ClockUtil.reset(); // the leads come in today
            for (LeadRequest lead : LEADS) {
                captured += attempt("lead " + lead.email(), () -> leads.capture(lead.toSubmission(now, "demo data")));
            }
        } finally {
            ClockUtil.reset();
            identity.clearAuthentication();
        }
        log.info("Demo data: {} deals opened, {} leads captured (users demo, sam, mia, mark; password = user id)",
                opened, captured);
    }

    private static int attempt(String what, Runnable demo) {
        try {
            demo.run();
            return 1;
        } catch (RuntimeException e) {
            log.warn("Demo data: the demo {} could not be set up with the current model: {}", what, e.toString());
            return 0;
        }
    }

    /**
     * Opens the deal and moves it on through whatever stages the model has: {@code stagesPassed} times, or to the
     * end for a won deal; a lost deal is lost at the stage it reached.
     */
    private void create(DemoDeal demo, Instant now) {
        Instant at = now.minus(Duration.ofDays(demo.daysAgo()));
        ClockUtil.setCurrentTime(Date.from(at));
        var contact = new ContactDetails(demo.first().toLowerCase() + "@" + demo.domain(), demo.first(), demo.last(),
                null, null, new MarketingConsent(true, at, "demo data", "I agree to receive emails about this offer"));
        // deals still at stage zero have their meeting ahead; the others had it a day after opening
        Instant meetingAt = demo.stagesPassed() == 0 && demo.ending() == null
                ? now.plus(Duration.ofDays(demo.daysAgo())).truncatedTo(ChronoUnit.HOURS)
                : at.plus(Duration.ofDays(1));
        Long dealId = deals.open(new DealOpening(demo.title(), demo.company(), demo.domain(),
                List.of(new DealOpening.Participant(contact, ContactRole.DECISION_MAKER)),
                new MonthlyValue(new BigDecimal(demo.amount()), demo.currency()), demo.owner(), meetingAt));
        String processInstanceId = deals.get(dealId).getProcessInstanceId();
        boolean won = "won".equals(demo.ending());
        boolean lost = "lost".equals(demo.ending());
        int steps = won ? MAX_STAGES : demo.stagesPassed() + (lost ? 1 : 0);
        long daysPerStage = Math.max(1, demo.daysAgo() / ((won ? demo.stagesPassed() : steps) + 1));
        for (int step = 0; step < steps; step++) {
            Task stage = tasks.createTaskQuery().processInstanceId(processInstanceId).active().list().stream()
                    .findFirst().orElse(null);
            if (stage == null) {
                return; // the process has ended (won), or waits on something that is not a stage
            }
            at = at.plus(Duration.ofDays(daysPerStage));
            ClockUtil.setCurrentTime(Date.from(at));
            boolean lose = lost && step == steps - 1;
            // as its owner, so the stage history says who moved it
            identity.setAuthenticatedUserId(demo.owner());
            try {
                tasks.complete(stage.getId(), lose
                        ? Map.of(StageOutcome.VARIABLE, "lost", StageOutcome.LOST_REASON, "CHOSE_COMPETITOR")
                        : Map.of(StageOutcome.VARIABLE, "advance"));
            } finally {
                identity.clearAuthentication();
            }
        }
    }

    /** A won demo deal advances until its process ends; this bounds a model whose stages loop. */
    private static final int MAX_STAGES = 50;
}

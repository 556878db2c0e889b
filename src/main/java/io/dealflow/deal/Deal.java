package io.dealflow.deal;

import io.dealflow.company.Company;
import io.dealflow.contact.Contact;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A prospect with a serious chance of doing business soon, moving through the stages of the sales process. */
@Entity
public class Deal {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "deal_seq")
    @SequenceGenerator(name = "deal_seq", sequenceName = "deal_seq", allocationSize = 1)
    private Long id;

    private String title;

    @ManyToOne(fetch = FetchType.LAZY)
    private Company company;

    @OneToMany(mappedBy = "deal", cascade = CascadeType.ALL)
    @OrderBy("id")
    private List<DealContact> contacts = new ArrayList<>();

    /** The Camunda user id of the rep who owns the deal; null for a team deal (any rep of group sales may take it). */
    private String owner;

    @Embedded
    private MonthlyValue monthlyValue;

    /** The id of the stage's user task in the model, and its name as the model says it. */
    private String stageKey;

    private String stageName;

    private Instant stageEnteredAt;

    @Enumerated(EnumType.STRING)
    private DealStatus status = DealStatus.OPEN;

    @Enumerated(EnumType.STRING)
    private LostReason lostReason;

    private String lostNote;

    private String processInstanceId;

    private Instant meetingAt;

    private LocalDate expectedDecisionOn;

    private Instant openedAt;

    private Instant closedAt;

    @Version
    private long version;

    protected Deal() {
    }

    public Deal(String title, Company company, String owner, MonthlyValue monthlyValue, Instant meetingAt, Instant openedAt) {
        this.title = title;
        this.company = company;
        this.owner = owner;
        this.monthlyValue = monthlyValue;
        this.meetingAt = meetingAt;
        this.openedAt = openedAt;
    }

    public void addContact(Contact contact, ContactRole role) {
        contacts.add(new DealContact(this, contact, role));
    }

    /** {@code owner} null: the deal is the sales team's, for any rep to take. */
    public void ownedBy(String owner) {
        this.owner = owner;
    }

    public boolean isClosed() {
        return status != DealStatus.OPEN;
    }

    public void startedAs(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    public void enterStage(String key, String name, Instant at) {
        this.stageKey = key;
        this.stageName = name;
        this.stageEnteredAt = at;
    }

    public void changeAmount(BigDecimal amount) {
        this.monthlyValue = monthlyValue.withAmount(amount);
    }

    public void expectDecisionOn(LocalDate date) {
        this.expectedDecisionOn = date;
    }

    public void win(Instant at) {
        this.status = DealStatus.WON;
        this.closedAt = at;
    }

    public void lose(LostReason reason, String note, Instant at) {
        this.status = DealStatus.LOST;
        this.lostReason = reason;
        this.lostNote = note;
        this.closedAt = at;
    }

    public Long getId() {
        return id;
    }

    /** "D-00042": the business key of the deal's process instance, what people say on the phone. */
    public String getReference() {
        if (id == null) {
            return null;
        }
        // "D-%05d" without a Formatter: called several times per opening, where String.format showed in profiles
        String digits = Long.toString(id);
        return "D-" + "0".repeat(Math.max(0, 5 - digits.length())) + digits;
    }

    private static final java.util.regex.Pattern REFERENCE = java.util.regex.Pattern.compile("D-\\d{5,}");

    /** The id in a reference: "D-00042" is deal 42. */
    public static Long idOf(String reference) {
        if (reference == null || !REFERENCE.matcher(reference).matches()) {
            throw new DealNotFoundException("with reference " + reference);
        }
        return Long.valueOf(reference.substring(2));
    }

    public String getTitle() {
        return title;
    }

    public Company getCompany() {
        return company;
    }

    public List<DealContact> getContacts() {
        return contacts;
    }

    public String getOwner() {
        return owner;
    }

    public MonthlyValue getMonthlyValue() {
        return monthlyValue;
    }

    public String getStageKey() {
        return stageKey;
    }

    public String getStageName() {
        return stageName;
    }

    public Instant getStageEnteredAt() {
        return stageEnteredAt;
    }

    public DealStatus getStatus() {
        return status;
    }

    public LostReason getLostReason() {
        return lostReason;
    }

    public String getLostNote() {
        return lostNote;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public Instant getMeetingAt() {
        return meetingAt;
    }

    public LocalDate getExpectedDecisionOn() {
        return expectedDecisionOn;
    }

    public Instant getOpenedAt() {
        return openedAt;
    }

    public Instant getClosedAt() {
        return closedAt;
    }
}

package io.dealflow.followup;

import io.dealflow.settings.DealflowProperties;
import io.dealflow.contact.Contact;
import io.dealflow.deal.Deal;
import io.dealflow.stage.SalesModel;
import io.dealflow.stage.Stage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** The values the mail templates (templates/mail) can use: about a deal, or about a lead, for one recipient. */
@Component
class MailModels {

    private static final DateTimeFormatter MEETING_TIME = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final SalesModel salesModel;
    private final Team team;
    private final String publicUrl;

    MailModels(SalesModel salesModel, Team team,
               DealflowProperties settings) {
        this.salesModel = salesModel;
        this.team = team;
        String publicUrl = settings.publicUrl();
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** The base of the links in emails, without a trailing slash. */
    String publicUrl() {
        return publicUrl;
    }

    Map<String, Object> of(Deal deal, Recipient recipient) {
        Map<String, Object> model = new LinkedHashMap<>();
        Instant now = ClockUtil.now().toInstant();
        model.put("firstName", recipient.firstName() == null ? "" : recipient.firstName());
        model.put("recipientName", recipient.name());
        model.put("dealTitle", deal.getTitle());
        model.put("reference", deal.getReference());
        model.put("companyName", deal.getCompany().getName());
        model.put("owner", team.ownerName(deal.getOwner()));
        model.put("meetingAt", deal.getMeetingAt() == null ? "" : MEETING_TIME.format(deal.getMeetingAt()));
        model.put("stageName", deal.getStageName() == null ? "" : deal.getStageName());
        model.put("valueKnown", deal.getMonthlyValue().isKnown());
        model.put("daysInStage", deal.getStageEnteredAt() == null ? 0
                : Duration.between(deal.getStageEnteredAt(), now).toDays());
        Optional<Stage> stage = salesModel.stagesIncluding(List.of(deal.getStageKey() == null ? "" : deal.getStageKey()))
                .stream().filter(candidate -> candidate.key().equals(deal.getStageKey())).findFirst();
        model.put("idleLimit", days(stage.map(Stage::idleLimit).orElse(null)));
        model.put("escalationLimit", days(stage.map(Stage::escalationLimit).orElse(null)));
        model.put("tasklistUrl", publicUrl + "/camunda/app/tasklist/default/");
        model.put("cockpitUrl", publicUrl + "/camunda/app/cockpit/default/#/process-instance/"
                + deal.getProcessInstanceId());
        return model;
    }

    Map<String, Object> of(Contact lead, Recipient recipient) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("firstName", recipient.firstName() == null ? "" : recipient.firstName());
        model.put("recipientName", recipient.name());
        model.put("companyName", lead.getCompany() == null ? "" : lead.getCompany().getName());
        model.put("tasklistUrl", publicUrl + "/camunda/app/tasklist/default/");
        return model;
    }

    private static String days(Duration limit) {
        if (limit == null) {
            return "";
        }
        return limit.toSeconds() % 86_400 == 0 ? limit.toDays() + " days" : limit.toHours() + " hours";
    }
}

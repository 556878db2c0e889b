package io.dealflow.lead;

import io.dealflow.settings.DealflowProperties;
import io.dealflow.web.InvalidFieldException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The public lead form a company embeds on its website (an iframe or a link): plain HTML, no login, works
 * without JavaScript. It posts to the same intake as POST /api/leads. The consent wording is the one this page
 * shows (configured), so what is recorded is exactly what the person saw.
 *
 * <p>Anybody can post it: a known person's stored record is never changed by it (see {@link LeadParties}), a
 * client posting too often is refused (see PublicRateLimit), and a bot that fills the hidden field
 * {@value #HONEYPOT} is thanked and ignored.
 */
@Controller
public class LeadFormController {

    /** Hidden from people (off-screen, out of the tab order, labelled "leave empty"); bots fill every field. */
    static final String HONEYPOT = "website_url";
    /** Each field's label, for the field and for the error summary at the top. */
    static final Map<String, String> LABELS = labels("email", "Work email", "firstName", "First name",
            "lastName", "Last name", "company", "Company", "website", "Company website", "jobTitle", "Job title",
            "phone", "Phone", "timeline", "When do you want to start?", "employees",
            "How many people work at your company?", "consent", "Consent");

    private final LeadIntake intake;
    private final Validator validator;
    private final String consentText;

    public LeadFormController(LeadIntake intake, Validator validator,
                              DealflowProperties settings) {
        this.intake = intake;
        this.validator = validator;
        this.consentText = settings.leadForm().consentText();
    }

    @GetMapping("/lead-form")
    public ModelAndView form() {
        return page(Map.of(), Map.of(), HttpStatus.OK);
    }

    @PostMapping(path = "/lead-form", consumes = "application/x-www-form-urlencoded")
    public ModelAndView submit(@RequestParam MultiValueMap<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        form.forEach((name, list) -> values.put(name, list.isEmpty() ? "" : list.get(0)));
        if (!values.getOrDefault(HONEYPOT, "").isBlank()) {
            // answered like a success, so the bot learns nothing; nothing is stored
            return new ModelAndView("lead-form-thanks");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        LeadRequest request = request(values, errors);
        if (request != null) {
            Set<ConstraintViolation<LeadRequest>> violations = validator.validate(request);
            violations.forEach(v -> errors.putIfAbsent(field(v.getPropertyPath().toString()), v.getMessage()));
        }
        if (!errors.isEmpty()) {
            return page(values, errors, HttpStatus.BAD_REQUEST);
        }
        try {
            intake.capture(request.toSubmission(Instant.now(), LeadSubmission.PUBLIC_FORM));
        } catch (ConsentRequiredException e) {
            return page(values, Map.of("consent", "Please tick the box: we can only write to you with your consent."),
                    HttpStatus.UNPROCESSABLE_ENTITY);
        } catch (InvalidFieldException e) {
            return page(values, Map.of(field(e.field()), e.getMessage()), HttpStatus.BAD_REQUEST);
        }
        return new ModelAndView("lead-form-thanks");
    }

    private LeadRequest request(Map<String, String> values, Map<String, String> errors) {
        Integer employees = null;
        String size = values.getOrDefault("employees", "").trim();
        if (!size.isEmpty()) {
            try {
                employees = Integer.valueOf(size);
            } catch (NumberFormatException e) {
                errors.put("employees", "must be a whole number");
            }
        }
        String timeline = values.getOrDefault("timeline", "");
        QualificationAnswers answers = new QualificationAnswers(ticked(values, "budget"), ticked(values, "authority"),
                ticked(values, "need"), timeline.isBlank() ? null : timeline, employees);
        LeadRequest.Consent consent = ticked(values, "consent")
                ? new LeadRequest.Consent(true, LeadSubmission.PUBLIC_FORM, consentText) : null;
        return new LeadRequest(values.get("email"), values.get("firstName"), values.get("lastName"),
                values.get("company"), values.get("website"), values.get("jobTitle"), values.get("phone"), consent,
                answers, null, LeadSubmission.PUBLIC_FORM);
    }

    /** The form field (its input's id) an error of the request is about: answers.employees is employees. */
    private static String field(String path) {
        if (path.startsWith("consent")) {
            return "consent";
        }
        return path.startsWith("answers.") ? path.substring("answers.".length()) : path;
    }

    private static Map<String, String> labels(String... idsAndLabels) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < idsAndLabels.length; i += 2) {
            labels.put(idsAndLabels[i], idsAndLabels[i + 1]);
        }
        return labels;
    }

    private static boolean ticked(Map<String, String> values, String name) {
        String value = values.get(name);
        return value != null && !value.isBlank() && !"false".equalsIgnoreCase(value);
    }

    private ModelAndView page(Map<String, String> values, Map<String, String> errors, HttpStatus status) {
        ModelAndView page = new ModelAndView("lead-form");
        page.addObject("values", values);
        // in the order of the form, so the summary at the top reads like the page
        Map<String, String> ordered = new LinkedHashMap<>();
        LABELS.keySet().stream().filter(errors::containsKey).forEach(id -> ordered.put(id, errors.get(id)));
        errors.forEach(ordered::putIfAbsent);
        page.addObject("errors", ordered);
        page.addObject("labels", LABELS);
        page.addObject("consentText", consentText);
        page.setStatus(status);
        return page;
    }
}

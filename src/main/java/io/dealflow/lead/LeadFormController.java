package io.dealflow.lead;

import io.dealflow.web.InvalidFieldException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
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
 */
@Controller
public class LeadFormController {

    private final LeadIntake intake;
    private final Validator validator;
    private final String consentText;

    public LeadFormController(LeadIntake intake, Validator validator,
                              @Value("${dealflow.lead-form.consent-text}") String consentText) {
        this.intake = intake;
        this.validator = validator;
        this.consentText = consentText;
    }

    @GetMapping("/lead-form")
    public ModelAndView form() {
        return page(Map.of(), Map.of(), HttpStatus.OK);
    }

    @PostMapping(path = "/lead-form", consumes = "application/x-www-form-urlencoded")
    public ModelAndView submit(@RequestParam MultiValueMap<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        form.forEach((name, list) -> values.put(name, list.isEmpty() ? "" : list.get(0)));
        Map<String, String> errors = new LinkedHashMap<>();
        LeadRequest request = request(values, errors);
        if (request != null) {
            Set<ConstraintViolation<LeadRequest>> violations = validator.validate(request);
            violations.forEach(v -> errors.putIfAbsent(v.getPropertyPath().toString(), v.getMessage()));
        }
        if (!errors.isEmpty()) {
            return page(values, errors, HttpStatus.BAD_REQUEST);
        }
        try {
            intake.capture(request.toSubmission(Instant.now(), "lead-form"));
        } catch (ConsentRequiredException e) {
            return page(values, Map.of("consent", "Please tick the box: we can only write to you with your consent."),
                    HttpStatus.UNPROCESSABLE_ENTITY);
        } catch (InvalidFieldException e) {
            return page(values, Map.of(e.field(), e.getMessage()), HttpStatus.BAD_REQUEST);
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
                errors.put("answers.employees", "must be a whole number");
            }
        }
        String timeline = values.getOrDefault("timeline", "");
        QualificationAnswers answers = new QualificationAnswers(ticked(values, "budget"), ticked(values, "authority"),
                ticked(values, "need"), timeline.isBlank() ? null : timeline, employees);
        LeadRequest.Consent consent = ticked(values, "consent")
                ? new LeadRequest.Consent(true, "lead-form", consentText) : null;
        return new LeadRequest(values.get("email"), values.get("firstName"), values.get("lastName"),
                values.get("company"), values.get("website"), values.get("jobTitle"), values.get("phone"), consent,
                answers, null, "lead-form");
    }

    private static boolean ticked(Map<String, String> values, String name) {
        String value = values.get(name);
        return value != null && !value.isBlank() && !"false".equalsIgnoreCase(value);
    }

    private ModelAndView page(Map<String, String> values, Map<String, String> errors, HttpStatus status) {
        ModelAndView page = new ModelAndView("lead-form");
        page.addObject("values", values);
        page.addObject("errors", errors);
        page.addObject("consentText", consentText);
        page.setStatus(status);
        return page;
    }
}

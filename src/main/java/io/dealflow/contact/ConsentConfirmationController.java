package io.dealflow.contact;

import java.time.Instant;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The link of the double opt-in email: GET shows the wording and a button, changing nothing (mail scanners
 * follow links); POST grants the consent. An unknown or expired link is a 404 page.
 */
@Controller
public class ConsentConfirmationController {

    private final ConsentConfirmations confirmations;
    private final ContactService contacts;

    public ConsentConfirmationController(ConsentConfirmations confirmations, ContactService contacts) {
        this.confirmations = confirmations;
        this.contacts = contacts;
    }

    @GetMapping("/lead-form/confirm/{token}")
    public ModelAndView show(@PathVariable String token) {
        return page(confirmations.find(token, Instant.now()));
    }

    @PostMapping("/lead-form/confirm/{token}")
    public ModelAndView confirm(@PathVariable String token) {
        return page(confirmations.confirm(token, Instant.now()));
    }

    private ModelAndView page(Optional<ConsentConfirmation> confirmation) {
        ModelAndView page = new ModelAndView("lead-form-confirm");
        page.addObject("known", confirmation.isPresent());
        page.addObject("confirmed", confirmation.map(found -> found.getConfirmedAt() != null).orElse(false));
        page.addObject("consentText", confirmation.map(ConsentConfirmation::getConsentText).orElse(null));
        page.addObject("email", confirmation.map(found -> contacts.get(found.getContactId()).getEmail()).orElse(null));
        page.setStatus(confirmation.isPresent() ? HttpStatus.OK : HttpStatus.NOT_FOUND);
        return page;
    }
}

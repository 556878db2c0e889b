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
 * The link in every marketing email: no login, a plain confirmation page. GET is the link a person clicks;
 * POST is the one-click unsubscribe a mail client sends (List-Unsubscribe-Post, RFC 8058).
 */
@Controller
public class UnsubscribeController {

    private final ContactService contacts;

    public UnsubscribeController(ContactService contacts) {
        this.contacts = contacts;
    }

    @GetMapping("/api/unsubscribe/{token}")
    public ModelAndView unsubscribe(@PathVariable String token) {
        return page(contacts.unsubscribe(token, Instant.now()));
    }

    @PostMapping("/api/unsubscribe/{token}")
    public ModelAndView oneClick(@PathVariable String token) {
        return page(contacts.unsubscribe(token, Instant.now()));
    }

    private static ModelAndView page(Optional<Contact> contact) {
        ModelAndView page = new ModelAndView("unsubscribe");
        page.addObject("unsubscribed", contact.isPresent());
        page.addObject("email", contact.map(Contact::getEmail).orElse(null));
        page.setStatus(contact.isPresent() ? HttpStatus.OK : HttpStatus.NOT_FOUND);
        return page;
    }
}

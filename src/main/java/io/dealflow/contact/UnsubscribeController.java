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
 * The link in every marketing email: no login, its token is the credential. GET (and HEAD) only show a page with
 * a confirm button: mail scanners and link previews follow links, and must not unsubscribe anybody. POST
 * unsubscribes: the button, and the one-click unsubscribe a mail client sends (List-Unsubscribe-Post, RFC 8058).
 */
@Controller
public class UnsubscribeController {

    private final ContactService contacts;

    public UnsubscribeController(ContactService contacts) {
        this.contacts = contacts;
    }

    /** Spring MVC answers HEAD with this mapping too, without a body. */
    @GetMapping("/api/unsubscribe/{token}")
    public ModelAndView confirm(@PathVariable String token) {
        return page(contacts.byUnsubscribeToken(token), false);
    }

    @PostMapping("/api/unsubscribe/{token}")
    public ModelAndView unsubscribe(@PathVariable String token) {
        return page(contacts.unsubscribe(token, Instant.now()), true);
    }

    private static ModelAndView page(Optional<Contact> contact, boolean unsubscribed) {
        ModelAndView page = new ModelAndView("unsubscribe");
        page.addObject("known", contact.isPresent());
        page.addObject("unsubscribed", unsubscribed);
        page.addObject("email", contact.map(Contact::getEmail).orElse(null));
        page.setStatus(contact.isPresent() ? HttpStatus.OK : HttpStatus.NOT_FOUND);
        return page;
    }
}

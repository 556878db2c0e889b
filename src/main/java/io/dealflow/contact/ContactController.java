package io.dealflow.contact;

import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/contacts")
public class ContactController {

    private final ContactService contacts;

    public ContactController(ContactService contacts) {
        this.contacts = contacts;
    }

    /** The contact with this email in any case or spacing: a list of one, or empty. */
    @GetMapping
    public List<ContactView> find(@RequestParam String email) {
        return contacts.viewByEmail(email).stream().toList();
    }

    @GetMapping("/{id}")
    public ContactView get(@PathVariable long id) {
        return contacts.view(id);
    }

    /** Grants or withdraws marketing consent, recorded with time, source and wording. */
    @PostMapping("/{id}/consent")
    public ContactView consent(@PathVariable long id, @Valid @RequestBody ConsentRequest request) {
        String source = request.source() == null || request.source().isBlank() ? "api" : request.source().trim();
        Instant now = Instant.now();
        MarketingConsent consent = new MarketingConsent(request.marketing(), now, source,
                request.text() == null ? null : request.text().trim());
        return contacts.recordConsent(id, consent, now);
    }

    /** The zone the contact's automatic emails are timed in: {@code {"timeZone": "America/New_York"}}, null clears it. */
    @PutMapping("/{id}/time-zone")
    public ContactView timeZone(@PathVariable long id, @RequestBody TimeZoneRequest request) {
        return contacts.changeTimeZone(id, request.timeZone(), Instant.now());
    }

    public record TimeZoneRequest(String timeZone) {
    }
}

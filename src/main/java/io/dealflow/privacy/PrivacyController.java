package io.dealflow.privacy;

import java.security.Principal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The GDPR rights of a contact: access to everything stored about them, and erasure. */
@RestController
@RequestMapping("/api/contacts")
public class PrivacyController {

    private final PersonalData personalData;

    public PrivacyController(PersonalData personalData) {
        this.personalData = personalData;
    }

    /** Everything we store about the person (GDPR right of access). */
    @GetMapping("/{id}/export")
    public ContactExport export(@PathVariable long id, Principal user) {
        return personalData.export(id, user.getName());
    }

    /** Erases the person (GDPR right to erasure); again for an erased contact: the first erasure, unchanged. */
    @DeleteMapping("/{id}")
    public Erasure erase(@PathVariable long id, Principal user) {
        return personalData.erase(id, user.getName());
    }
}

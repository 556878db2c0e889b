package io.dealflow.audit;

import io.dealflow.web.InvalidFieldException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** For managers: who exported or erased whose data, newest first. */
@RestController
@RequestMapping("/api/audit")
public class AuditController {

    private final AuditLog log;

    public AuditController(AuditLog log) {
        this.log = log;
    }

    @GetMapping
    public List<AuditEvent> latest(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidFieldException("limit", "must be from 1 to 1000");
        }
        return log.latest(limit);
    }
}

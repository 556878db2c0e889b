package io.dealflow.lead;

import io.dealflow.web.InvalidFieldException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class HandOffController {

    private final HandOffReport report;

    public HandOffController(HandOffReport report) {
        this.report = report;
    }

    /** Per ISO week: SQLs handed to sales, accepted, rejected with reasons, median hours to the first stage. */
    @GetMapping("/api/handoff")
    public HandOffReport.Report handOff(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        LocalDate until = to != null ? to : LocalDate.now(ZoneOffset.UTC);
        LocalDate since = from != null ? from : until.minusWeeks(11);
        if (since.isAfter(until)) {
            throw new InvalidFieldException("from", "must not be after to");
        }
        return report.report(since, until);
    }
}

package io.dealflow.pipeline;

import io.dealflow.settings.DealflowProperties;
import io.dealflow.access.CurrentViewer;
import io.dealflow.access.NotAllowedException;
import io.dealflow.access.Viewer;
import io.dealflow.web.InvalidFieldException;
import io.dealflow.web.IsoCurrency;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/pipeline")
public class PipelineController {

    private final PipelineService pipeline;
    private final FunnelService funnel;
    private final String baseCurrency;
    private final CurrentViewer viewer;

    public PipelineController(PipelineService pipeline, FunnelService funnel,
                              DealflowProperties settings, CurrentViewer viewer) {
        this.pipeline = pipeline;
        this.funnel = funnel;
        this.baseCurrency = settings.pipeline().baseCurrency();
        this.viewer = viewer;
    }

    /** The open deals per stage; amounts are never summed across currencies. */
    @GetMapping
    public Pipeline pipeline(@RequestParam(required = false) String owner,
                             @RequestParam(required = false) String currency,
                             @RequestParam(required = false) String asOf) {
        return pipeline.pipeline(new PipelineQuery(currency(currency), owner(owner), asOf(asOf)));
    }

    @GetMapping("/funnel")
    public Funnel funnel(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                         @RequestParam(required = false) String owner) {
        LocalDate end = to == null ? LocalDate.now(ZoneOffset.UTC) : date("to", to);
        LocalDate start = from == null ? end.minusDays(90) : date("from", from);
        if (start.isAfter(end)) {
            throw new InvalidFieldException("from", "must not be after to");
        }
        return funnel.funnel(start, end, owner(owner));
    }

    @GetMapping("/forecast")
    public Forecast forecast(@RequestParam(required = false) String owner,
                             @RequestParam(required = false) String currency) {
        return funnel.forecast(currency(currency), owner(owner));
    }

    /** Whose figures: a rep's own, always; a manager's choice, or everyone's. */
    private String owner(String requested) {
        Viewer user = viewer.get();
        String owner = blankToNull(requested);
        if (user.seesEveryDeal()) {
            return owner;
        }
        if (owner != null && !owner.equals(user.userId())) {
            throw new NotAllowedException("A sales rep sees their own figures; everyone's are for management");
        }
        return user.userId();
    }

    private String currency(String currency) {
        if (currency == null || currency.isBlank()) {
            return baseCurrency;
        }
        if (!new IsoCurrency.Validator().isValid(currency, null)) {
            throw new InvalidFieldException("currency", "must be an ISO 4217 currency code such as EUR");
        }
        return currency;
    }

    /** "2026-11-01" means the end of that day (UTC); a full timestamp is taken as it is. */
    private static Instant asOf(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return null;
        }
        Instant at;
        try {
            at = asOf.length() == 10
                    ? LocalDate.parse(asOf).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
                    : Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("asOf", "must be a date such as 2026-11-01 or a timestamp such as "
                    + "2026-11-01T12:00:00Z");
        }
        if (at.isAfter(Instant.now())) {
            throw new InvalidFieldException("asOf", "must not be in the future");
        }
        return at;
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "must be a date such as 2026-11-01");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

package io.dealflow.deal;

import io.dealflow.access.CurrentViewer;
import io.dealflow.access.NotAllowedException;
import io.dealflow.access.Viewer;
import io.dealflow.web.IdempotentRequests;
import io.dealflow.web.KnownUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Deals, as the viewer may see them (README, "Who may do what"). */
@RestController
@RequestMapping("/api/deals")
public class DealController {

    private final DealService deals;
    private final CurrentViewer viewer;
    private final IdempotentRequests requests;

    public DealController(DealService deals, CurrentViewer viewer, IdempotentRequests requests) {
        this.deals = deals;
        this.viewer = viewer;
        this.requests = requests;
    }

    /** 201 with the deal; a retry with the same {@code Idempotency-Key} answers the first deal again. */
    @PostMapping
    public ResponseEntity<?> open(@Valid @RequestBody OpenDealRequest request,
                                  @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key) {
        Viewer user = viewer.get();
        if (!user.mayOpenFor(blankToNull(request.owner()))) {
            throw new NotAllowedException("A sales rep opens deals for themselves or for the team (no owner)");
        }
        return requests.once(user.userId(), key, "POST /api/deals", request, () -> {
            Long id = deals.open(request.toOpening(Instant.now()));
            return ResponseEntity.created(URI.create("/api/deals/" + id)).body(deals.view(id));
        });
    }

    @GetMapping("/{id}")
    public DealView get(@PathVariable long id) {
        return deals.view(id, viewer.get());
    }

    /** Gives the deal to another owner; {@code "owner": null} gives it to the sales team. */
    @PutMapping("/{id}/owner")
    public DealView reassign(@PathVariable long id, @Valid @RequestBody NewOwner request) {
        return deals.reassign(id, blankToNull(request.owner()), viewer.get());
    }

    /** What a mail integration (or the rep) calls when the prospect has answered: the stage's follow-ups stop. */
    @PostMapping("/{id}/replies")
    public ReplyReceived replied(@PathVariable long id) {
        return new ReplyReceived(id, deals.replied(id, viewer.get()));
    }

    /** {@code followUpsStopped}: how many running follow-up sequences the reply stopped (0 when none ran). */
    public record ReplyReceived(long dealId, int followUpsStopped) {
    }

    /** The body of PUT /api/deals/{id}/owner. */
    public record NewOwner(@Size(max = 64) @KnownUser String owner) {
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

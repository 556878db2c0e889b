package io.dealflow.deal;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/deals")
public class DealController {

    private final DealService deals;

    public DealController(DealService deals) {
        this.deals = deals;
    }

    @PostMapping
    public ResponseEntity<DealView> open(@Valid @RequestBody OpenDealRequest request) {
        Long id = deals.open(request.toOpening(Instant.now()));
        return ResponseEntity.created(URI.create("/api/deals/" + id)).body(deals.view(id));
    }

    @GetMapping("/{id}")
    public DealView get(@PathVariable long id) {
        return deals.view(id);
    }

    /** What a mail integration (or the rep) calls when the prospect has answered: the stage's follow-ups stop. */
    @PostMapping("/{id}/replies")
    public ReplyReceived replied(@PathVariable long id) {
        return new ReplyReceived(id, deals.replied(id));
    }

    /** {@code followUpsStopped}: how many running follow-up sequences the reply stopped (0 when none ran). */
    public record ReplyReceived(long dealId, int followUpsStopped) {
    }
}

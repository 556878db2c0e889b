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
}

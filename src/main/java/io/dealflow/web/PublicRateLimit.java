package io.dealflow.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most {@code requests} requests per client address in each {@code window} on the pages anybody can use
 * without login (the lead form's POST, its confirmation link, the unsubscribe link); more are refused with 429
 * and a Retry-After in seconds. The client address is the request's remote address: behind a proxy the
 * container's forwarded-header handling sets it. Showing the empty form (GET /lead-form) is not counted: a
 * company's website loads it in an iframe on every page view.
 *
 * <p>Fixed windows per address, in memory (one instance of the app). Finished windows are dropped as new ones
 * start, so the memory follows the number of addresses seen within one window.
 */
public class PublicRateLimit extends OncePerRequestFilter {

    private static final int SWEEP_ABOVE = 10_000;

    private final int requests;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public PublicRateLimit(int requests, Duration window, Clock clock) {
        if (requests < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("dealflow.public.rate-limit: requests must be at least 1 and the window"
                    + " positive, not " + requests + " per " + window);
        }
        this.requests = requests;
        this.window = window;
        this.clock = clock;
    }

    private record Window(Instant end, int count) {
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        boolean showsTheForm = "/lead-form".equals(request.getRequestURI().substring(request.getContextPath().length()))
                && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()));
        return showsTheForm;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Instant now = clock.instant();
        if (windows.size() > SWEEP_ABOVE) {
            windows.values().removeIf(finished -> !finished.end().isAfter(now));
        }
        Window current = windows.compute(request.getRemoteAddr(), (address, known) ->
                known == null || !known.end().isAfter(now) ? new Window(now.plus(window), 1)
                        : new Window(known.end(), known.count() + 1));
        if (current.count() > requests) {
            long seconds = Math.max(1, (Duration.between(now, current.end()).toMillis() + 999) / 1000);
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", String.valueOf(seconds));
            response.setContentType("text/plain;charset=UTF-8");
            response.getOutputStream().write(("Too many requests from your address. Please try again in " + seconds
                    + " seconds.").getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }
}

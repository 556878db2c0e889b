package io.dealflow.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most {@code requests} requests per client address in each {@code window} on the pages anybody can use
 * without login (the lead form's POST, its confirmation link, the unsubscribe link); more are refused with 429
 * and a Retry-After in seconds. The client address is the request's remote address: behind a proxy the
 * container's forwarded-header handling sets it. Showing the empty form (GET /lead-form) is not counted: a
 * company's website loads it in an iframe on every page view.
 *
 * <p>Fixed windows per address, in memory (one instance of the app), see {@link AddressWindows}.
 */
public class PublicRateLimit extends OncePerRequestFilter {

    private final int requests;
    private final AddressWindows windows;

    public PublicRateLimit(int requests, Duration window, Clock clock) {
        if (requests < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("dealflow.public.rate-limit: requests must be at least 1 and the window"
                    + " positive, not " + requests + " per " + window);
        }
        this.requests = requests;
        this.windows = new AddressWindows(window, clock);
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
        String address = request.getRemoteAddr();
        if (windows.add(address) > requests) {
            Duration left = windows.fullFor(address, requests + 1).orElse(Duration.ofSeconds(1));
            long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
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

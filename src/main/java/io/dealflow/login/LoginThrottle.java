package io.dealflow.login;

import io.dealflow.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Wrong passwords cost only the client address that sends them: every request that carries a password (HTTP Basic
 * on /api and /engine-rest, the web apps' login form) passes here first, and an address with too many recent
 * failures gets 429 with Retry-After, without its password being checked. The engine's own per-user delay and
 * lock are off (application.yaml), so nobody can lock another person out by guessing their password.
 * <p>
 * A failure is a 401 answer to such a request (Spring Security's Basic check and the web apps' login both answer
 * 401 to a wrong password); any other answer means the password was right and clears the address.
 */
class LoginThrottle extends OncePerRequestFilter {

    private static final Pattern BASIC = Pattern.compile("^Basic\\s", Pattern.CASE_INSENSITIVE);

    private final FailedLogins failures;
    private final ProblemWriter problems;
    private final Pattern webappLogin;

    LoginThrottle(FailedLogins failures, ProblemWriter problems, String webappPath) {
        this.failures = failures;
        this.problems = problems;
        this.webappLogin = Pattern.compile(Pattern.quote(webappPath) + "/api/admin/auth/user/[^/]+/login/[^/]+/?");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean basic = authorization != null && BASIC.matcher(authorization).find()
                && (path.startsWith("/api/") || path.startsWith("/engine-rest/"));
        boolean login = "POST".equals(request.getMethod()) && webappLogin.matcher(path).matches();
        return !basic && !login;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = request.getRemoteAddr();
        Optional<Duration> blocked = failures.blockedFor(address);
        if (blocked.isPresent()) {
            refuse(response, blocked.get());
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            failures.failed(address);
        } else {
            failures.succeeded(address);
        }
    }

    private void refuse(HttpServletResponse response, Duration wait) throws IOException {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Too many wrong passwords from your address; try again in " + seconds + " seconds");
        problem.setTitle("Too many login attempts");
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        problems.write(response, problem);
    }
}

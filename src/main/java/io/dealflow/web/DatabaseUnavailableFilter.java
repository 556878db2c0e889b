package io.dealflow.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The outermost filter: a request that fails because the database cannot be reached, wherever it fails, gets
 * {@code 503 application/problem+json} with {@code Retry-After}. Most do before any controller runs: HTTP Basic
 * checks the password in the database (Spring Security lets that failure through as it is, so it is never counted
 * as a wrong password), and a web app session is read from it. Failures inside our controllers are answered by
 * {@link ApiExceptionHandler} in the same way.
 */
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    private final ProblemWriter problems;

    DatabaseUnavailableFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException failure) {
            if (!DatabaseUnavailable.causedBy(failure) || response.isCommitted()) {
                throw failure;
            }
            log.warn("Database unreachable, {} {} answered 503: {}", request.getMethod(), request.getRequestURI(),
                    DatabaseUnavailable.rootCause(failure));
            response.reset();
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
            problems.write(response, DatabaseUnavailable.problem());
        }
    }
}

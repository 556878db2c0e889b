package io.dealflow.config;

import io.dealflow.settings.DealflowProperties;
import io.dealflow.web.PublicRateLimit;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The pages anybody can use without login: the lead form (with its confirmation link) and the unsubscribe link.
 * They share one rate limit per client address; the lead form may be framed by the configured sites only.
 */
@Configuration
public class PublicPagesConfig {

    /** Every page without login; GET /lead-form itself is not counted (see {@link PublicRateLimit}). */
    static final List<String> RATE_LIMITED = List.of("/lead-form", "/lead-form/*", "/api/unsubscribe/*");

    @Bean
    FilterRegistrationBean<PublicRateLimit> publicRateLimit(
            DealflowProperties settings) {
        var limit = settings.publicPages().rateLimit();
        FilterRegistrationBean<PublicRateLimit> registration =
                new FilterRegistrationBean<>(new PublicRateLimit(limit.requests(), limit.window(), Clock.systemUTC()));
        registration.setUrlPatterns(RATE_LIMITED);
        // before Spring Security and everything else of ours: a refused request costs nothing more
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }

    /**
     * The lead form is embedded on the company's website: {@code frame-ancestors} names who may frame it, and the
     * default X-Frame-Options: DENY would forbid every frame, so it is left out here (browsers that know CSP
     * ignore it anyway when frame-ancestors is present). No login and no session: there is nothing a forged
     * request could ride on, so no CSRF token either (the rate limit and the honeypot are the guard).
     */
    @Bean
    @Order(0)
    SecurityFilterChain leadFormPages(HttpSecurity http, DealflowProperties settings) throws Exception {
        List<String> ancestors = settings.leadForm().frameAncestors();
        for (String ancestor : ancestors) {
            if (ancestor.isBlank() || ancestor.matches(".*[\\s;,].*")) {
                throw new IllegalArgumentException("dealflow.lead-form.frame-ancestors: one origin per entry, e.g."
                        + " https://www.example.com or 'self', not \"" + ancestor + "\"");
            }
        }
        return http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/lead-form/**"))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.frameOptions(frame -> frame.disable())
                        .contentSecurityPolicy(csp -> csp.policyDirectives("frame-ancestors "
                                + String.join(" ", ancestors))))
                .build();
    }
}

package io.dealflow.config;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Our API and the engine REST API take HTTP Basic against the Camunda users (those of the web apps).
 * The web apps at /camunda/** keep their own login and are not touched here.
 */
@Configuration
public class SecurityConfig {

    /** The unsubscribe link of a marketing email works without login; its token is the credential. */
    @Bean
    @Order(0)
    SecurityFilterChain unsubscribeLinks(HttpSecurity http) throws Exception {
        return http.securityMatcher(path("/api/unsubscribe/**"))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                // mail clients' one-click unsubscribe is a POST without a CSRF token
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProblems problems) throws Exception {
        return basicAuth(http.securityMatcher(path("/api/**")), problems)
                .addFilterBefore(new WebappSessionAuthenticationFilter(), BasicAuthenticationFilter.class)
                .build();
    }

    /** Engine REST calls run as the authenticated user, so the engine's authorizations apply. */
    @Bean
    @Order(2)
    SecurityFilterChain engineRestSecurity(HttpSecurity http, IdentityService identity, SecurityProblems problems)
            throws Exception {
        return basicAuth(http.securityMatcher(path("/engine-rest/**")), problems)
                .addFilterAfter(new EngineAuthenticationFilter(identity), AuthorizationFilter.class)
                .build();
    }

    /** By URL path: /engine-rest is Jersey's servlet, not Spring MVC's, so MVC path matching would miss it. */
    private static PathPatternRequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static HttpSecurity basicAuth(HttpSecurity http, SecurityProblems problems) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName(SecurityProblems.REALM).authenticationEntryPoint(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .csrf(csrf -> csrf.disable())
                // no session of our own; and a Cockpit session read by the plugin must keep its id
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                        .sessionFixation(fixation -> fixation.none()));
    }

    @Bean
    AuthenticationProvider camundaUsers(IdentityService identity) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String user = authentication.getName();
                Object password = authentication.getCredentials();
                if (password == null || !identity.checkPassword(user, password.toString())) {
                    throw new BadCredentialsException("Bad user id or password");
                }
                List<SimpleGrantedAuthority> groups = identity.createGroupQuery().groupMember(user).list().stream()
                        .map(Group::getId).map(id -> new SimpleGrantedAuthority("GROUP_" + id)).toList();
                return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }
}

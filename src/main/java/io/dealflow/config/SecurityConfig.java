package io.dealflow.config;

import io.dealflow.settings.DealflowProperties;
import io.dealflow.access.Roles;
import io.dealflow.web.ProblemWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.core.GrantedAuthorityDefaults;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
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

    /**
     * Who may use which part of our API, by group (README, "Who may do what"); anything not listed is refused.
     * Which deals a rep sees within /api/deals and /api/pipeline is decided by {@link io.dealflow.access.Viewer}.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProblems problems) throws Exception {
        String[] deals = authorities(Roles.SALES, Roles.MANAGEMENT, Roles.ADMINS);
        String[] marketing = authorities(Roles.MARKETING, Roles.MANAGEMENT, Roles.ADMINS);
        String[] managers = authorities(Roles.MANAGEMENT, Roles.ADMINS);
        return basicAuth(http.securityMatcher(path("/api/**")), requests -> requests
                .requestMatchers(path("/api/deals/**"), path("/api/pipeline/**")).hasAnyAuthority(deals)
                // GDPR: exporting and erasing a person, and the record of who did
                .requestMatchers(path(HttpMethod.GET, "/api/contacts/*/export")).hasAnyAuthority(managers)
                .requestMatchers(path(HttpMethod.DELETE, "/api/contacts/*")).hasAnyAuthority(managers)
                .requestMatchers(path("/api/audit/**")).hasAnyAuthority(managers)
                .requestMatchers(path("/api/leads/**"), path("/api/contacts/**"), path("/api/handoff/**"))
                .hasAnyAuthority(marketing)
                .anyRequest().denyAll(), problems)
                .addFilterBefore(new WebappSessionAuthenticationFilter(), BasicAuthenticationFilter.class)
                .build();
    }

    /** Engine REST calls run as the authenticated user, so the engine's authorizations apply. */
    @Bean
    @Order(2)
    SecurityFilterChain engineRestSecurity(HttpSecurity http, IdentityService identity, SecurityProblems problems)
            throws Exception {
        return basicAuth(http.securityMatcher(path("/engine-rest/**")), requests -> requests.anyRequest().authenticated(),
                problems)
                .addFilterAfter(new EngineAuthenticationFilter(identity), AuthorizationFilter.class)
                .build();
    }

    /**
     * Health and metrics: the probes (/actuator/health, /liveness, /readiness) answer anyone, with details only to
     * management and administrators; the metrics are theirs alone.
     */
    @Bean
    @Order(3)
    SecurityFilterChain operationsSecurity(HttpSecurity http, SecurityProblems problems) throws Exception {
        return basicAuth(http.securityMatcher(path("/actuator/**")), requests -> requests
                .requestMatchers(path("/actuator/health"), path("/actuator/health/**")).permitAll()
                .anyRequest().hasAnyAuthority(authorities(Roles.MANAGEMENT, Roles.ADMINS)), problems)
                .build();
    }

    /**
     * Roles are our groups' authorities as they are ("GROUP_management"), without Spring's "ROLE_" prefix: the
     * health endpoint's {@code roles} setting asks for them by these names.
     */
    @Bean
    static GrantedAuthorityDefaults grantedAuthorityDefaults() {
        return new GrantedAuthorityDefaults("");
    }

    /** Task completions, on the engine REST API and on the one Tasklist uses, write only their form's fields. */
    @Bean
    FilterRegistrationBean<FormFieldsOnly> formFieldsOnly(TaskService tasks, FormService forms,
            RepositoryService repository, DealflowProperties settings, ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(new FormFieldsOnly(tasks, forms, repository,
                Set.of(settings.salesProcessKey(), settings.leadProcessKey()), problems));
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        // after Spring Security (-100): an anonymous call gets its 401 first
        registration.setOrder(0);
        return registration;
    }

    /** Tasklist's "Set follow-up date" sends the task back as it read it; see {@link TaskUpdateAsRead}. */
    @Bean
    FilterRegistrationBean<TaskUpdateAsRead> taskUpdateAsRead() {
        var registration = new FilterRegistrationBean<>(new TaskUpdateAsRead());
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        registration.setOrder(0);
        return registration;
    }

    /** By URL path: /engine-rest is Jersey's servlet, not Spring MVC's, so MVC path matching would miss it. */
    private static PathPatternRequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static PathPatternRequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }

    private static String[] authorities(String... groups) {
        return Arrays.stream(groups).map(Roles::authority).toArray(String[]::new);
    }

    private static HttpSecurity basicAuth(HttpSecurity http,
            Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rules,
            SecurityProblems problems) throws Exception {
        return http
                .authorizeHttpRequests(rules)
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
                        .map(Group::getId).map(id -> new SimpleGrantedAuthority(Roles.authority(id))).toList();
                return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }
}

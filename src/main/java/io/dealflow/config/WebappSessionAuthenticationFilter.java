package io.dealflow.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets the Cockpit plugin read our API with the user's Cockpit login: a GET to /api/** from a browser that is
 * logged in to Cockpit counts as that user. Only reads: anything that changes data still needs HTTP Basic,
 * so a session cookie alone can never be used to write.
 */
class WebappSessionAuthenticationFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if ("GET".equals(request.getMethod()) && session != null
                && SecurityContextHolder.getContext().getAuthentication() == null) {
            Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
            Authentication user = authentications == null ? null
                    : authentications.getAuthenticationForProcessEngine("default");
            if (user instanceof UserAuthentication cockpitUser && cockpitUser.isAuthorizedForApp("cockpit")) {
                var groups = cockpitUser.getGroupIds() == null ? java.util.List.<String>of() : cockpitUser.getGroupIds();
                SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        cockpitUser.getIdentityId(), null,
                        groups.stream().map(g -> new SimpleGrantedAuthority(io.dealflow.access.Roles.authority(g))).toList()));
            }
        }
        chain.doFilter(request, response);
    }
}

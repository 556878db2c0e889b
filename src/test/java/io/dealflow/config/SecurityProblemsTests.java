package io.dealflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.web.ProblemWriter;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;

/** Spring Security's 403 (a role rule of SecurityConfig) answers problem+json like the rest of /api. */
class SecurityProblemsTests {

    @Test
    void accessDeniedIs403Problem() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        new SecurityProblems(new ProblemWriter(new ObjectMapper()))
                .handle(new MockHttpServletRequest("GET", "/api/deals/1"), response, new AccessDeniedException("no"));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(new ObjectMapper().readTree(response.getContentAsString()).path("status").asInt()).isEqualTo(403);
    }
}

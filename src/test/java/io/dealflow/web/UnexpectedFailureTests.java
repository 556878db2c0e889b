package io.dealflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** A 500 tells the caller an id to report, never the internals. */
class UnexpectedFailureTests {

    @Test
    void answersACorrelationIdAndNoInternalMessage() {
        ResponseEntity<ProblemDetail> answer = new ApiExceptionHandler()
                .unexpected(new IllegalStateException("duplicate key in table CONTACT: dana@acme.example"));

        ProblemDetail problem = answer.getBody();
        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        String correlationId = (String) problem.getProperties().get("correlationId");
        assertThat(correlationId).isNotBlank();
        assertThat(answer.getHeaders().getFirst(ApiExceptionHandler.CORRELATION_ID)).isEqualTo(correlationId);
        assertThat(problem.getDetail()).contains(correlationId).doesNotContain("CONTACT").doesNotContain("dana");
    }
}

package io.dealflow.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.camunda.bpm.engine.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.math.BigDecimal;
import java.sql.SQLTransientConnectionException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of our API as application/problem+json. Bad input names the field in {@code detail} and
 * lists each one in {@code errors: [{field, message}]}.
 * <p>
 * Not limited to our controllers' packages: a request that finds no controller (an unknown path, a media type
 * no method consumes) fails before any controller is chosen, and must get problem+json too.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** The response header with the id under which an unexpected failure was logged. */
    public static final String CORRELATION_ID = "X-Correlation-Id";

    record FieldProblem(String field, String message) {
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new FieldProblem(e.getField(), message(e)))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        return ResponseEntity.badRequest().body(invalid(problems));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex.getCause() instanceof BodyTooLargeException tooLarge) {
            return bodyTooLarge(tooLarge);
        }
        if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            return ResponseEntity.badRequest().body(invalid(List.of(new FieldProblem(field, typeMessage(mapping)))));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON");
        problem.setTitle("Malformed request");
        problem.setProperty("errors", List.of(new FieldProblem("body", "is not valid JSON")));
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<Object> bodyTooLarge(BodyTooLargeException ex) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(BodySizeLimit.tooLarge(ex.limit()));
    }

    /** Also a lead without consent (GDPR: no consent, no lead), with its own status and title. Nothing was stored. */
    @ExceptionHandler(InvalidFieldException.class)
    ResponseEntity<ProblemDetail> invalidField(InvalidFieldException ex) {
        ProblemDetail problem = invalid(List.of(new FieldProblem(ex.field(), ex.getMessage())));
        problem.setStatus(ex.status().value());
        problem.setTitle(ex.title());
        return ResponseEntity.status(ex.status()).body(problem);
    }

    @ExceptionHandler(AuthorizationException.class)
    ResponseEntity<ProblemDetail> forbidden(AuthorizationException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
        problem.setTitle("Not allowed");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }

    /** A method-security refusal, thrown inside a controller where Spring Security's handler does not see it. */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Your role does not allow this");
        problem.setTitle("Not allowed");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }

    /**
     * Anything unexpected: the transaction was rolled back, so nothing of the request was stored. The answer tells
     * no internals (they may name tables, SQL or data of others); the log has them under the correlation id that
     * the answer shows, so a report of the id finds them.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        if (DatabaseUnavailable.causedBy(ex)) {
            return databaseUnavailable(ex);
        }
        String correlationId = UUID.randomUUID().toString();
        log.error("Request failed, correlation id {}", correlationId, ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request failed and nothing of it was stored. Please report correlation id " + correlationId);
        problem.setTitle("Internal error");
        problem.setProperty("correlationId", correlationId);
        return ResponseEntity.internalServerError().header(CORRELATION_ID, correlationId).body(problem);
    }

    /**
     * The database went away while the request ran (or its transaction could not begin): 503 with Retry-After, the
     * same answer as {@link DatabaseUnavailableFilter} gives when it is already gone before. Engine calls arrive
     * wrapped in Camunda's ProcessEngineException, hence the search through the causes in {@link #unexpected}.
     */
    @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            SQLTransientConnectionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
        log.warn("Database unreachable, answered 503: {}", DatabaseUnavailable.rootCause(ex));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).headers(DatabaseUnavailable.headers())
                .body(DatabaseUnavailable.problem());
    }

    static ProblemDetail invalid(List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, problems.stream()
                .map(p -> p.field() + ": " + p.message())
                .collect(Collectors.joining("; ")));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", problems);
        return problem;
    }

    private static String message(FieldError error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.toString();
    }

    private static String typeMessage(JsonMappingException mapping) {
        if (mapping instanceof InvalidFormatException format && format.getValue() instanceof BigDecimal decimal
                && !DecimalBounds.isReasonable(decimal)) {
            return DecimalBounds.REFUSAL;
        }
        if (mapping instanceof InvalidFormatException format && format.getValue() instanceof String text
                && text.indexOf('\u0000') >= 0) {
            return StrictJson.StorableTextDeserializer.REFUSAL;
        }
        if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            Class<?> target = mismatch.getTargetType();
            if (target.isEnum()) {
                return "must be one of " + Arrays.stream(target.getEnumConstants()).map(Object::toString)
                        .collect(Collectors.joining(", "));
            }
            if (Number.class.isAssignableFrom(target) || (target.isPrimitive() && target != boolean.class)) {
                return "must be a number";
            }
            if (target == Boolean.class || target == boolean.class) {
                return "must be true or false";
            }
            if (target == String.class) {
                return "must be text (a JSON string)";
            }
            if (target.getName().startsWith("java.time")) {
                return "must be an ISO-8601 timestamp such as 2026-12-03T10:00:00Z";
            }
            return mapping instanceof InvalidFormatException ? "has the wrong format" : "has the wrong type";
        }
        return "is invalid";
    }
}

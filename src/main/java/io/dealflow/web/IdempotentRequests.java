package io.dealflow.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * The {@code Idempotency-Key} header of POST /api/deals and POST /api/leads: the first successful answer to a
 * key (per user) is stored in the same transaction as the work it answers, and a retry with the same key gets it
 * again instead of doing the work twice. A retry that races the first waits for it on the key's row. A request
 * that failed left nothing, so its retry does the work. The same key with another body is refused (422).
 * Without the header the work still runs once per request, retried when it lost a race on a unique key.
 */
@Component
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;

    public IdempotentRequests(JdbcTemplate jdbc, ObjectMapper json, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.transaction = new TransactionTemplate(transactions);
    }

    private record Stored(String request, String bodyHash, int status, String location, String answer) {
    }

    public ResponseEntity<?> once(String user, String key, String request, Object body,
                                  Supplier<ResponseEntity<?>> work) {
        if (key == null || key.isBlank()) {
            return ConcurrentWrites.retried(transaction, work);
        }
        if (key.length() > 255) {
            throw new InvalidFieldException(HEADER, "must be at most 255 characters");
        }
        String hash = hash(body);
        return ConcurrentWrites.retried(transaction, () -> {
            List<Stored> earlier = jdbc.query("""
                    select request, body_hash, status, location, answer from idempotent_request
                    where requested_by = ? and request_key = ?""",
                    (rs, i) -> new Stored(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            rs.getString(5)), user, key);
            if (!earlier.isEmpty()) {
                return replay(earlier.get(0), request, hash);
            }
            // taken first: a concurrent retry waits here until this one commits, then replays it
            jdbc.update("""
                    insert into idempotent_request (requested_by, request_key, request, body_hash, status, created_at)
                    values (?, ?, ?, ?, 0, ?)""", user, key, request, hash, Timestamp.from(Instant.now()));
            ResponseEntity<?> answer = work.get();
            jdbc.update("update idempotent_request set status = ?, location = ?, answer = ? "
                            + "where requested_by = ? and request_key = ?",
                    answer.getStatusCode().value(), answer.getHeaders().getLocation() == null ? null
                            : answer.getHeaders().getLocation().toString(), write(answer.getBody()), user, key);
            return answer;
        });
    }

    private ResponseEntity<?> replay(Stored earlier, String request, String hash) {
        if (!earlier.request().equals(request) || !earlier.bodyHash().equals(hash)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                    HEADER + ": this key was used for another request; use a new key for a new request");
            problem.setTitle("Idempotency key reused");
            throw new ErrorResponseException(HttpStatus.UNPROCESSABLE_ENTITY, problem, null);
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(earlier.status());
        if (earlier.location() != null) {
            answer.location(URI.create(earlier.location()));
        }
        answer.header(HEADER + "-Replayed", "true");
        return answer.body(read(earlier.answer()));
    }

    private String hash(Object body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String answer) {
        try {
            return json.readTree(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.dealflow.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A task update (PUT task/{id}) takes the task back as GET task/{id} gave it: that is how Tasklist sets a follow-up
 * date, the rep's next step. Camunda's REST API cannot read back the {@code camundaFormRef} it writes for a task with
 * a Camunda Form (every stage of ours), and refuses the whole update with a 400; the field is output-only (an update
 * never copies it), so it is dropped here. Covers the engine REST API and the one Tasklist uses.
 */
class TaskUpdateAsRead extends OncePerRequestFilter {

    private static final Pattern TASK_UPDATE = Pattern.compile(".*/task/[^/]+$");
    private static final String FORM_REF = "camundaFormRef";
    /** A task is a few fields; a bigger body goes on untouched, for the REST API to answer. */
    private static final int MAX_BODY = 256 * 1024;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"PUT".equals(request.getMethod()) || !TASK_UPDATE.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        chain.doFilter(new FormFieldsOnly.ReadAgain(request, body.length > MAX_BODY ? body : withoutFormRef(body)),
                response);
    }

    private byte[] withoutFormRef(byte[] body) {
        try {
            JsonNode task = json.readTree(body);
            if (task instanceof ObjectNode fields && fields.has(FORM_REF)) {
                fields.remove(FORM_REF);
                return json.writeValueAsBytes(fields);
            }
        } catch (IOException e) {
            // not JSON: the REST API answers that itself
        }
        return body;
    }
}

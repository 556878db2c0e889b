package io.dealflow.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.deal.StageOutcome;
import io.dealflow.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Completing a task of our processes writes only the fields of its form: a stage moves its own deal with the
 * rep's decision and answers, and nobody slips in another variable ({@code dealId}, {@code owner}, ...) with the
 * completion. Covers the engine REST API and the one Tasklist uses; every other variable write needs UPDATE
 * permissions that no group but the administrators has (see {@link SalesAccess}).
 */
class FormFieldsOnly extends OncePerRequestFilter {

    /** Every call that ends a task and writes variables with it: completing, and throwing a BPMN error or escalation. */
    private static final Pattern COMPLETION = Pattern.compile(
            ".*/task/([^/]+)/(complete|submit-form|resolve|bpmnError|bpmnEscalation)$");
    /** A completion's body is a few fields; anything bigger is not a form. */
    private static final int MAX_BODY = 256 * 1024;

    private final TaskService tasks;
    private final FormService forms;
    private final RepositoryService repository;
    private final Set<String> processKeys;
    private final ObjectMapper json = new ObjectMapper();
    private final ProblemWriter problems;
    /** The fields of each task's form, by process definition id and task definition key. */
    private final Map<String, Set<String>> fields = new ConcurrentHashMap<>();

    FormFieldsOnly(TaskService tasks, FormService forms, RepositoryService repository, Set<String> processKeys,
                   ProblemWriter problems) {
        this.problems = problems;
        this.tasks = tasks;
        this.forms = forms;
        this.repository = repository;
        this.processKeys = processKeys;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !COMPLETION.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        Matcher completion = COMPLETION.matcher(request.getRequestURI());
        completion.matches();
        Optional<String> refused = body.length > MAX_BODY ? Optional.of("body")
                : firstForeignVariable(completion.group(1), body);
        if (refused.isPresent()) {
            refuse(response, refused.get());
            return;
        }
        chain.doFilter(new ReadAgain(request, body), response);
    }

    private Optional<String> firstForeignVariable(String taskId, byte[] body) {
        Task task = tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
        if (task == null || task.getProcessDefinitionId() == null || body.length == 0) {
            return Optional.empty();
        }
        String processKey = repository.getProcessDefinition(task.getProcessDefinitionId()).getKey();
        if (!processKeys.contains(processKey)) {
            return Optional.empty();
        }
        JsonNode variables;
        try {
            variables = json.readTree(body).path("variables");
        } catch (IOException e) {
            return Optional.empty(); // not JSON: the REST API answers that itself
        }
        Set<String> allowed = fields.computeIfAbsent(task.getProcessDefinitionId() + "/" + task.getTaskDefinitionKey(),
                key -> formFields(task));
        for (Iterator<String> names = variables.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** The keys of the task's Camunda Form; a stage without a form takes just the decision. */
    private Set<String> formFields(Task task) {
        Set<String> keys = new HashSet<>(Set.of(StageOutcome.VARIABLE, StageOutcome.LOST_REASON,
                StageOutcome.LOST_NOTE));
        if (task.getCamundaFormRef() == null) {
            return keys;
        }
        keys.clear();
        try (InputStream form = forms.getDeployedTaskForm(task.getId())) {
            collectKeys(json.readTree(form), keys);
        } catch (IOException e) {
            throw new IllegalStateException("The form of task " + task.getTaskDefinitionKey() + " is not readable", e);
        }
        return keys;
    }

    private static void collectKeys(JsonNode component, Set<String> keys) {
        if (component.hasNonNull("key") && component.has("type")) {
            keys.add(component.get("key").asText());
        }
        component.path("components").forEach(child -> collectKeys(child, keys));
    }

    private void refuse(HttpServletResponse response, String variable) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "body".equals(variable)
                ? "A task completion carries only its form's fields"
                : variable + ": is not a field of this task's form; a completion writes only its form's fields");
        problem.setTitle("Invalid request");
        problem.setProperty("errors", java.util.List.of(Map.of("field", "variables." + variable,
                "message", "is not a field of this task's form")));
        problems.write(response, problem);
    }

    /** The request again, with the body already read (or a changed one). */
    static final class ReadAgain extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadAgain(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}

package io.dealflow.privacy;

import io.dealflow.contact.*;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricDetailEventEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The process engine's variables and variable history whose text mentions a person: their email anywhere (it is
 * theirs alone), their full name only in their own deals' process instances (another "Dana Buyer" in another deal
 * is someone else).
 * <p>
 * They are found with read-only SQL because the engine's query API has no "value contains" search: it matches a
 * value only under a given variable name, and not at all in the recorded values (ACT_HI_DETAIL). They are removed
 * only through the engine, so its history, byte arrays and caches stay consistent.
 */
@Component
class EngineMentions {

    /** Who to look for: the email, the full name (null when we do not know both parts), their deals' instances. */
    record Person(String email, String fullName, Collection<String> processInstanceIds) {
    }

    /** A variable, running or historic, that mentions the person; value as stored (text). */
    record Variable(String id, String processInstanceId, String name, String value, String executionId,
                    String taskId) {
    }

    /** A recorded value: an update of a variable, or a form field as submitted. */
    record Detail(String id, String processInstanceId, String name, String value, Instant time) {
    }

    record Removed(int variables, int historicVariables, int historicDetails) {
    }

    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final HistoryService history;
    private final ProcessEngineConfigurationImpl engine;

    EngineMentions(JdbcTemplate jdbc, RuntimeService runtime, TaskService tasks, HistoryService history,
                   ProcessEngineConfigurationImpl engine) {
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.tasks = tasks;
        this.history = history;
        this.engine = engine;
    }

    /** Running and historic variables (the same variable has the same id in both; the running value wins). */
    List<Variable> variables(Person person) {
        Map<String, Variable> byId = new LinkedHashMap<>();
        for (Variable v : variables("ACT_RU_VARIABLE", person)) {
            byId.put(v.id(), v);
        }
        for (Variable v : variables("ACT_HI_VARINST", person)) {
            byId.putIfAbsent(v.id(), v);
        }
        return List.copyOf(byId.values());
    }

    List<Detail> details(Person person) {
        Where where = Where.mentioning(person);
        return jdbc.query("select ID_, PROC_INST_ID_, NAME_, TEXT_, TEXT2_, TIME_ from ACT_HI_DETAIL where "
                        + where.sql() + " order by TIME_, ID_",
                (rs, row) -> new Detail(rs.getString("ID_"), rs.getString("PROC_INST_ID_"), rs.getString("NAME_"),
                        text(rs), rs.getTimestamp("TIME_") == null ? null : rs.getTimestamp("TIME_").toInstant()),
                where.args());
    }

    /**
     * Removes every running variable that mentions the person, then every historic variable (with all its recorded
     * values), then the recorded values still mentioning them: earlier values of variables that no longer do, form
     * fields as submitted, values whose variable is gone. Joins the caller's transaction.
     */
    Removed remove(Person person) {
        List<Variable> running = variables("ACT_RU_VARIABLE", person);
        for (Variable v : running) {
            if (v.taskId() != null) {
                tasks.removeVariableLocal(v.taskId(), v.name());
            } else if (v.executionId() != null) {
                runtime.removeVariableLocal(v.executionId(), v.name());
            } else {
                // e.g. a batch's variable: refuse rather than report an erasure that left something behind
                throw new IllegalStateException("Variable " + v.id() + " (" + v.name()
                        + ") belongs to neither an execution nor a task and cannot be erased here");
            }
        }
        // read after the removals: removing a variable records its last value once more
        List<Variable> historic = variables("ACT_HI_VARINST", person);
        historic.forEach(v -> history.deleteHistoricVariableInstance(v.id()));
        List<Detail> loose = details(person);
        if (!loose.isEmpty()) {
            // no public API deletes a single recorded value; this is the engine's own statement for it
            engine.getCommandExecutorTxRequired().execute(context -> {
                loose.forEach(d -> context.getDbEntityManager().delete(HistoricDetailEventEntity.class,
                        "deleteHistoricDetailVariableInstanceUpdate", d.id()));
                return null;
            });
        }
        return new Removed(running.size(), historic.size(), loose.size());
    }

    private List<Variable> variables(String table, Person person) {
        Where where = Where.mentioning(person);
        return jdbc.query("select ID_, PROC_INST_ID_, NAME_, TEXT_, TEXT2_, EXECUTION_ID_, TASK_ID_ from " + table
                        + " where " + where.sql() + " order by ID_",
                (rs, row) -> new Variable(rs.getString("ID_"), rs.getString("PROC_INST_ID_"), rs.getString("NAME_"),
                        text(rs), rs.getString("EXECUTION_ID_"), rs.getString("TASK_ID_")),
                where.args());
    }

    private static String text(ResultSet rs) throws SQLException {
        String text = rs.getString("TEXT_");
        return text != null ? text : rs.getString("TEXT2_");
    }

    /** The same condition for the three tables, which all keep a value's text in TEXT_ and TEXT2_. */
    private record Where(String sql, Object[] args) {

        private static final String CONTAINS = "(lower(TEXT_) like ? escape '!' or lower(TEXT2_) like ? escape '!')";

        static Where mentioning(Person person) {
            StringBuilder sql = new StringBuilder("(").append(CONTAINS);
            List<Object> args = new ArrayList<>(List.of(pattern(person.email()), pattern(person.email())));
            if (person.fullName() != null && !person.processInstanceIds().isEmpty()) {
                sql.append(" or (PROC_INST_ID_ in (")
                        .append(String.join(", ", Collections.nCopies(person.processInstanceIds().size(), "?")))
                        .append(") and ").append(CONTAINS).append(")");
                args.addAll(person.processInstanceIds());
                args.add(pattern(person.fullName()));
                args.add(pattern(person.fullName()));
            }
            return new Where(sql.append(")").toString(), args.toArray());
        }

        /** "%dana!_b@acme.example%": contains the text, lower-cased, with LIKE's wildcards taken literally. */
        private static String pattern(String text) {
            String escaped = text.toLowerCase(Locale.ROOT)
                    .replace("!", "!!").replace("%", "!%").replace("_", "!_");
            return "%" + escaped + "%";
        }
    }
}

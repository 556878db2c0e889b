package io.dealflow.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What an operator watches (GET /actuator/metrics/{name}, for management): the engine's jobs that are due and
 * not yet done, the jobs whose retries ran out (each a Cockpit incident), the emails waiting in the outbox, and
 * the emails that failed. Each is one indexed count, read when the metric is read.
 */
@Component
class BacklogMetrics implements MeterBinder {

    private final JdbcTemplate jdbc;

    BacklogMetrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "dealflow.jobs.due", "jobs due now with retries left (the job executors' backlog)",
                "select count(*) from ACT_RU_JOB where RETRIES_ > 0 and (DUEDATE_ is null or DUEDATE_ <= current_timestamp)");
        gauge(registry, "dealflow.jobs.failed", "jobs whose retries ran out: each is an incident in Cockpit",
                "select count(*) from ACT_RU_JOB where RETRIES_ = 0");
        // the emailing tasks are external tasks, worked by the app's email worker (followup/FollowUpWorker)
        gauge(registry, "dealflow.email-tasks.waiting", "email tasks not done yet (due, being worked, or retrying)",
                "select count(*) from ACT_RU_EXT_TASK where RETRIES_ is null or RETRIES_ > 0");
        gauge(registry, "dealflow.email-tasks.failed", "email tasks whose retries ran out: each is an incident in"
                + " Cockpit", "select count(*) from ACT_RU_EXT_TASK where RETRIES_ = 0");
        gauge(registry, "dealflow.outbox.pending", "follow-up emails composed and not yet sent (being sent, or kept"
                + " without SMTP)", "select count(*) from follow_up where status in ('PENDING', 'SENDING',"
                + " 'NOT_SENT_NO_SMTP')");
        gauge(registry, "dealflow.outbox.failed", "follow-up emails whose last attempt failed",
                "select count(*) from follow_up where status = 'FAILED'");
    }

    private void gauge(MeterRegistry registry, String name, String description, String countQuery) {
        Gauge.builder(name, () -> jdbc.queryForObject(countQuery, Long.class))
                .description(description)
                .register(registry);
    }
}

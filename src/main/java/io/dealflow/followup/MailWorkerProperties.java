package io.dealflow.followup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * dealflow.mail.worker: the in-app worker of the emailing external tasks (see {@link FollowUpWorker}).
 *
 * @param enabled           poll the engine for email tasks (off in the tests, which drive the worker themselves)
 * @param id                this node's name in the engine's locks and the outbox's claims; unique per node
 *                          (default: the engine's name, the host and a random suffix)
 * @param pollInterval      the pause between two polls
 * @param maxTasks          how many tasks one poll locks at most
 * @param lockDuration      how long a task and each email's claim are held: longer than one send can take (the SMTP
 *                          connect, read and write timeouts, several reads per conversation), with margin; the
 *                          task's lock is extended before each email
 * @param retries           attempts of a task before it ends in a Cockpit incident
 * @param retryAfter        the pause before a failed task is tried again
 * @param recheckClaimedAfter the pause before a task is looked at again whose emails another node was sending
 */
@ConfigurationProperties("dealflow.mail.worker")
public record MailWorkerProperties(@DefaultValue("true") boolean enabled,
                                   String id,
                                   @DefaultValue("PT1S") Duration pollInterval,
                                   @DefaultValue("10") int maxTasks,
                                   @DefaultValue("PT2M") Duration lockDuration,
                                   @DefaultValue("3") int retries,
                                   @DefaultValue("PT5M") Duration retryAfter,
                                   @DefaultValue("PT30S") Duration recheckClaimedAfter) {
}

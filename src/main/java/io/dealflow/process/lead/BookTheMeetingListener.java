package io.dealflow.process.lead;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On completing "Book the meeting": who decided (the task's assignee, else the user completing it), so that the
 * deal is theirs and the hand-off report knows who accepted or rejected. Refuses a decision it cannot read.
 */
@Component("bookTheMeetingListener")
public class BookTheMeetingListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        Object decision = LeadVariables.decision(task);
        if (!LeadVariables.ACCEPT.equals(decision) && !LeadVariables.REJECT.equals(decision)) {
            throw new IllegalArgumentException("decision must be accept or reject, was " + decision);
        }
        if (LeadVariables.REJECT.equals(decision) && LeadVariables.rejectReason(task) == null) {
            throw new IllegalArgumentException("rejectReason is required when rejecting a lead");
        }
        Object note = LeadVariables.rejectNote(task);
        if (note != null && note.toString().length() > LeadVariables.REJECT_NOTE_MAX_LENGTH) {
            throw new BadUserRequestException("rejectNote must be at most " + LeadVariables.REJECT_NOTE_MAX_LENGTH
                    + " characters");
        }
        if (LeadVariables.ACCEPT.equals(decision) && LeadVariables.meetingAt(task) == null) {
            throw new IllegalArgumentException("meetingAt is required when accepting a lead");
        }
        String by = task.getAssignee();
        if (by == null) {
            Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
            by = current == null ? null : current.getUserId();
        }
        LeadVariables.setDecidedBy(task.getExecution(), by);
    }
}

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
        Object decision = task.getVariable(LeadVariables.DECISION);
        if (!"accept".equals(decision) && !"reject".equals(decision)) {
            throw new IllegalArgumentException("decision must be accept or reject, was " + decision);
        }
        if ("reject".equals(decision) && task.getVariable(LeadVariables.REJECT_REASON) == null) {
            throw new IllegalArgumentException("rejectReason is required when rejecting a lead");
        }
        Object note = task.getVariable(LeadVariables.REJECT_NOTE);
        if (note != null && note.toString().length() > LeadVariables.REJECT_NOTE_MAX_LENGTH) {
            throw new BadUserRequestException("rejectNote must be at most " + LeadVariables.REJECT_NOTE_MAX_LENGTH
                    + " characters");
        }
        if ("accept".equals(decision) && OpenDealForLead.meetingAt(task.getVariable(LeadVariables.MEETING_AT)) == null) {
            throw new IllegalArgumentException("meetingAt is required when accepting a lead");
        }
        String by = task.getAssignee();
        if (by == null) {
            Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
            by = current == null ? null : current.getUserId();
        }
        task.getExecution().setVariable(LeadVariables.DECIDED_BY, by);
    }
}

package io.dealflow.followup;

import io.dealflow.deal.Deal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Our users as emails need them (the engine's users): who can be written to, and how a deal's owner is named. */
@Component
class Team {

    private static final Logger log = LoggerFactory.getLogger(Team.class);

    private final IdentityService identities;

    Team(IdentityService identities) {
        this.identities = identities;
    }

    /** The group's members who can be written to; the others are named in the log. */
    List<Recipient> reachable(String group, FollowUpKind kind, String about) {
        List<Recipient> members = new ArrayList<>();
        for (User member : identities.createUserQuery().memberOfGroup(group).orderByUserId().asc().list()) {
            if (member.getEmail() == null || member.getEmail().isBlank()) {
                log.warn("{} about {} not sent to {}: the user has no email address", kind, about, member.getId());
            } else {
                members.add(Recipient.of(member));
            }
        }
        return members;
    }

    /** The deal's owner, if the owner can be written to; else named in the log. */
    Optional<Recipient> owner(Deal deal) {
        User owner = identities.createUserQuery().userId(deal.getOwner()).singleResult();
        if (owner == null || owner.getEmail() == null || owner.getEmail().isBlank()) {
            log.warn("Reminder about {} not sent: its owner {} has no email address", deal.getReference(),
                    deal.getOwner());
            return Optional.empty();
        }
        return Optional.of(Recipient.of(owner));
    }

    /** The user's email address; null for no user (a team deal) or one without. */
    String email(String userId) {
        if (userId == null) {
            return null;
        }
        User user = identities.createUserQuery().userId(userId).singleResult();
        return user == null ? null : user.getEmail();
    }

    /** How an email names a deal's owner: the team for a team deal, else the user's name (or id). */
    String ownerName(String userId) {
        if (userId == null) {
            return "the sales team";
        }
        User user = identities.createUserQuery().userId(userId).singleResult();
        if (user == null || user.getFirstName() == null) {
            return userId;
        }
        return (user.getFirstName() + " " + (user.getLastName() == null ? "" : user.getLastName())).strip();
    }
}

package io.dealflow.access;

import java.util.Set;

/** Who is asking: a Camunda user and their groups. Decides which deals they may see and change. */
public record Viewer(String userId, Set<String> groups) {

    public boolean isAdmin() {
        return groups.contains(Roles.ADMINS);
    }

    /** Managers (and administrators) see and change every deal. */
    public boolean seesEveryDeal() {
        return isAdmin() || groups.contains(Roles.MANAGEMENT);
    }

    /** A rep sees the deals they own and the team's (no owner). */
    public boolean maySee(String dealOwner) {
        return seesEveryDeal() || (groups.contains(Roles.SALES) && (dealOwner == null || dealOwner.equals(userId)));
    }

    /**
     * Who may give a deal to {@code newOwner}: a manager to anyone; a rep only a deal they may see, and only to
     * themselves (taking a team deal), to the team, or away from themselves (handing over their own deal).
     */
    public boolean mayReassign(String dealOwner, String newOwner) {
        if (seesEveryDeal()) {
            return true;
        }
        if (!maySee(dealOwner)) {
            return false;
        }
        return userId.equals(dealOwner) || newOwner == null || newOwner.equals(userId);
    }

    /** A rep opens deals for themselves or for the team; a manager for anyone. */
    public boolean mayOpenFor(String owner) {
        return seesEveryDeal() || owner == null || owner.equals(userId);
    }
}

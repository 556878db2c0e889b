package io.dealflow.access;

/** The Camunda groups the access model is written for (README, "Who may do what"). */
public final class Roles {

    /** Sales reps: the deals they own and the team's unassigned ones. */
    public static final String SALES = "sales";
    /** Sales managers: every deal; they reassign, close, and use GDPR export and erasure. */
    public static final String MANAGEMENT = "management";
    /** Marketing: leads, consent, the lead form and the hand-off report; no deals. */
    public static final String MARKETING = "marketing";
    /** Camunda's administrators: everything, on every surface. */
    public static final String ADMINS = "camunda-admin";

    /** The prefix of a group in Spring Security's authorities. */
    public static final String AUTHORITY_PREFIX = "GROUP_";

    private Roles() {
    }

    public static String authority(String group) {
        return AUTHORITY_PREFIX + group;
    }
}

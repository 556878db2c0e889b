package io.dealflow.deal;

/**
 * A deal was opened ({@code opened}) or got another owner ({@code owner} null: the sales team's). Published in the
 * transaction of the change, so whatever follows the owner (the engine's authorizations on the deal's process)
 * changes with it.
 */
public record DealOwnerChanged(Long dealId, String processInstanceId, String owner, boolean opened) {

    /** {@code opened}: the deal was just opened, its process instance is new and has no grant to replace yet. */
    public DealOwnerChanged(Long dealId, String processInstanceId, String owner) {
        this(dealId, processInstanceId, owner, false);
    }
}

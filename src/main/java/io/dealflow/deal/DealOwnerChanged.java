package io.dealflow.deal;

/**
 * A deal was opened or got another owner ({@code owner} null: the sales team's). Published in the transaction of
 * the change, so whatever follows the owner (the engine's authorizations on the deal's process) changes with it.
 */
public record DealOwnerChanged(Long dealId, String processInstanceId, String owner) {
}

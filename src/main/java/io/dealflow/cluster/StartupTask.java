package io.dealflow.cluster;

/**
 * Work a node does as it starts, once the engine runs (groups, rights, filters, demo data): {@link StartupWork}
 * runs every one, in their {@code @Order}, under the cluster's start-up lock, so two nodes starting at once do it
 * one after the other. Each must still be idempotent: every node does it, at every start.
 */
public interface StartupTask {

    void run();
}

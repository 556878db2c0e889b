package io.dealflow.support;

import org.springframework.jdbc.core.JdbcTemplate;

/** How many rows our tables and the engine's history hold: to show that bad input stored nothing. */
public record StoredCounts(long deals, long contacts, long companies, long dealContacts, long stageVisits,
                           long processInstances) {

    public static StoredCounts of(JdbcTemplate jdbc) {
        return new StoredCounts(count(jdbc, "deal"), count(jdbc, "contact"), count(jdbc, "company"),
                count(jdbc, "deal_contact"), count(jdbc, "stage_visit"), count(jdbc, "ACT_HI_PROCINST"));
    }

    private static long count(JdbcTemplate jdbc, String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }
}

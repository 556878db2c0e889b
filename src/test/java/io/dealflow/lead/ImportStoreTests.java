package io.dealflow.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealflow.support.OnH2;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** How an import's batches find their rows (issue 11: an import's rate must not fall as the file grows). */
@OnH2
class ImportStoreTests {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aBatchReadsItsPendingRowsInTheIndexOrderWithoutSortingThemAll() {
        String plan = jdbc.queryForObject("explain " + ImportStore.pendingQuery(100), String.class, 1L, 1, 0);

        assertThat(plan).contains("IX_LEAD_IMPORT_ROW_STATE").contains("/* index sorted */");
    }
}

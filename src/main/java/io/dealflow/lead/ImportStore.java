package io.dealflow.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.contact.EmailAddresses;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The imports and their rows (tables lead_import, lead_import_row; migration V15). */
@Repository
public class ImportStore {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public ImportStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * A worker's share of an import's rows: those whose share key (a hash of the email's domain) leaves {@code index}
     * divided by {@code of}. One person's rows are all in one share, taken in the file's order: a later row completes
     * an earlier one; and the people of one company mostly too, so that workers seldom meet on its row.
     */
    record Share(int of, int index) {
        static final Share ALL = new Share(1, 0);
    }

    /** A pending row: its line and its lead. */
    record Pending(int line, ImportRows.Lead lead) {
    }

    /** Stores a read file: its rows pending (or rejected already), in one transaction. */
    @Transactional
    public long create(String requestedBy, List<Object> rows, List<String> unknownColumns, Instant now) {
        int rejected = (int) rows.stream().filter(ImportRows.Rejected.class::isInstance).count();
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("insert into lead_import (status, requested_by,"
                    + " unknown_columns, rows_total, created_at) values ('RUNNING', ?, ?, ?, ?)", new String[] {"id"});
            insert.setString(1, requestedBy);
            insert.setString(2, String.join("\n", unknownColumns));
            insert.setInt(3, rows.size());
            insert.setTimestamp(4, Timestamp.from(now));
            return insert;
        }, key);
        long id = key.getKey().longValue();
        jdbc.batchUpdate("insert into lead_import_row (import_id, line, state, request, consenting, field, column_name,"
                + " reason, share_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows, 500, (statement, row) -> {
            statement.setLong(1, id);
            if (row instanceof ImportRows.Lead lead) {
                statement.setInt(2, lead.line());
                statement.setString(3, "PENDING");
                statement.setString(4, write(lead.request()));
                statement.setBoolean(5, lead.consenting());
                statement.setString(6, null);
                statement.setString(7, null);
                statement.setString(8, null);
                statement.setInt(9, shareKey(lead.request().email()));
            } else {
                ImportRows.Rejected rejection = (ImportRows.Rejected) row;
                statement.setInt(2, rejection.line());
                statement.setString(3, "REJECTED");
                statement.setString(4, null);
                statement.setBoolean(5, false);
                statement.setString(6, cut(rejection.field(), 100));
                statement.setString(7, cut(rejection.column(), 300));
                statement.setString(8, cut(rejection.reason(), 1000));
                statement.setInt(9, 0);
            }
        });
        if (rejected == rows.size()) {
            finish(id, now);
        }
        return id;
    }

    public Optional<ImportStatus> status(long id) {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.query("select state, count(*) from lead_import_row where import_id = ? group by state",
                (RowCallbackHandler) rs -> counts.put(rs.getString(1), rs.getInt(2)), id);
        List<ImportStatus> found = jdbc.query("select * from lead_import where id = ?", (rs, n) -> {
            int created = counts.getOrDefault("CREATED", 0);
            int updated = counts.getOrDefault("UPDATED", 0);
            int rejected = counts.getOrDefault("REJECTED", 0);
            String unknown = rs.getString("unknown_columns");
            Timestamp finished = rs.getTimestamp("finished_at");
            return new ImportStatus(id, rs.getString("status").toLowerCase(Locale.ROOT), rs.getInt("rows_total"),
                    created + updated + rejected, created, updated, rejected, rejected == 0 ? List.of() : rejectedRows(id),
                    unknown == null || unknown.isEmpty() ? List.of() : Arrays.asList(unknown.split("\n")),
                    rs.getString("requested_by"), rs.getTimestamp("created_at").toInstant(),
                    finished == null ? null : finished.toInstant());
        }, id);
        return found.stream().findFirst();
    }

    private List<ImportRows.Rejected> rejectedRows(long id) {
        return jdbc.query("select line, field, column_name, reason from lead_import_row where import_id = ? and state"
                        + " = 'REJECTED' order by line", (rs, n) -> new ImportRows.Rejected(rs.getInt("line"),
                        rs.getString("field"), rs.getString("column_name"), rs.getString("reason")), id);
    }

    /** The unfinished imports, oldest first. */
    public List<Long> running() {
        return jdbc.queryForList("select id from lead_import where status = 'RUNNING' order by id", Long.class);
    }

    /**
     * Takes the import for this node until {@code until}, if nobody holds it (or their claim has lapsed) or this
     * node does already: one atomic UPDATE, so of several nodes only one works a given import.
     */
    public boolean claim(long id, String node, Instant now, Instant until) {
        return jdbc.update("update lead_import set claimed_by = ?, claimed_until = ? where id = ? and status ="
                        + " 'RUNNING' and (claimed_by is null or claimed_by = ? or claimed_until < ?)", node,
                Timestamp.from(until), id, node, Timestamp.from(now)) == 1;
    }

    /** Let go of an import (this node stops), so that another may take it at once. */
    public void release(long id, String node) {
        jdbc.update("update lead_import set claimed_by = null, claimed_until = null where id = ? and claimed_by = ?",
                id, node);
    }

    /** The next pending rows of a share, in the file's order. */
    List<Pending> pending(long id, Share share, int limit) {
        return jdbc.query(pendingQuery(limit),
                (rs, n) -> new Pending(rs.getInt("line"), new ImportRows.Lead(rs.getInt("line"),
                        read(rs.getString("request")), rs.getBoolean("consenting"))), id, share.of(), share.index());
    }

    /**
     * Parameters: the import's id, the number of shares, this share's index. Ordered by all three columns of
     * {@code ix_lead_import_row_state}, the first two fixed by the condition: H2 then reads the index in order and
     * stops after {@code limit} rows; ordered by {@code line} alone it read and sorted every pending row of the
     * import for each batch.
     */
    static String pendingQuery(int limit) {
        return "select line, request, consenting from lead_import_row where import_id = ? and state = 'PENDING'"
                + " and mod(share_key, ?) = ? order by import_id, state, line fetch first " + limit + " rows only";
    }

    /**
     * The outcomes of a batch's rows ({line, state, field, column, reason}), in the batch's transaction. A row
     * that is no longer pending (another node took it after this one's claim lapsed) fails the batch.
     */
    void record(long id, List<Object[]> outcomes) {
        int[][] updated = jdbc.batchUpdate("update lead_import_row set state = ?, request = null, field = ?,"
                        + " column_name = ?, reason = ? where import_id = ? and line = ? and state = 'PENDING'",
                outcomes, 500, (statement, o) -> {
                    statement.setString(1, (String) o[1]);
                    statement.setString(2, cut(o[2], 100));
                    statement.setString(3, cut(o[3], 300));
                    statement.setString(4, cut(o[4], 1000));
                    statement.setLong(5, id);
                    statement.setInt(6, (Integer) o[0]);
                });
        for (int[] chunk : updated) {
            for (int count : chunk) {
                if (count == 0) {
                    throw new IllegalStateException("Lead import " + id + ": a row was taken meanwhile by another node");
                }
            }
        }
    }

    void finish(long id, Instant now) {
        jdbc.update("update lead_import set status = 'DONE', finished_at = ?, claimed_by = null, claimed_until = null"
                + " where id = ?", Timestamp.from(now), id);
    }

    /** The email's domain, hashed: one person, and mostly one company, is one share. */
    private static int shareKey(String email) {
        String address = EmailAddresses.normalize(email);
        return address.substring(address.lastIndexOf('@') + 1).hashCode() & Integer.MAX_VALUE;
    }

    private String write(LeadRequest request) {
        try {
            return json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private LeadRequest read(String request) {
        try {
            return json.readValue(request, LeadRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cut(Object value, int max) {
        String text = value == null ? null : value.toString();
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}

package shoptwin.mirror.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import shoptwin.store.copy.DocumentMapper;
import shoptwin.store.copy.MirrorTable;

/**
 * The replay's PostgreSQL side: the rows its entries touch as they are now (read as copy-shaped documents by
 * the mirror's own {@link DocumentMapper}, so that values compare exactly as the copy holds them), the entries
 * already recorded in {@code shoptwin.journal_applied}, and the writes, sent as one call of
 * {@code shoptwin.apply_journal_entries} in one transaction per chunk: the whole chunk in one savepoint, and if
 * any entry of it fails, entry by entry, each in a savepoint of its own (R__apply_journal_entries.sql).
 */
final class ReplaySql {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One write for the function, in its JSON form (R__apply_journal_entry.sql says the fields). */
    record Write(String entry, MirrorTable table, String op, UUID rowId, Map<String, String> row, Long version,
                 List<UUID> keepPayments, Set<String> waitsFor, String madeBy, String outcome) {
        ObjectNode toJson() {
            ObjectNode n = JSON.createObjectNode();
            n.put("entry", entry);
            n.put("table", table.tableName());
            n.put("op", op);
            n.put("row_id", rowId.toString());
            ObjectNode r = n.putObject("row");
            row.forEach(r::put);
            if (version != null) {
                n.put("version", version);
            }
            if (keepPayments != null) {
                ArrayNode k = n.putArray("keep_payments");
                keepPayments.forEach(p -> k.add(p.toString()));
            }
            if (!waitsFor.isEmpty()) {
                ArrayNode w = n.putArray("waits_for");
                waitsFor.forEach(w::add);
            }
            n.put("made_by", madeBy);
            n.put("outcome", outcome);
            return n;
        }
    }

    /** What the function said about one write: applied, already, changed, waiting or refused. */
    record Outcome(String entry, String outcome, Long version, String reason) {
        boolean written() {
            return outcome.equals("applied") || outcome.equals("already");
        }
    }

    private ReplaySql() {
    }

    /** The rows of these ids as documents (absent: no such row now). */
    static Map<UUID, Document> rows(Connection c, DocumentMapper mapper, MirrorTable table, Collection<UUID> ids)
            throws SQLException {
        Map<UUID, Document> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("select t.id, to_jsonb(t)::text from " + table.qualifiedTableName()
                + " t where t.id = any(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, UUID.class), mapper.toDocument(table, rs.getString(2)));
                }
            }
        }
        return out;
    }

    /** Each customer's payment ids now. */
    static Map<UUID, Set<UUID>> paymentsOf(Connection c, Collection<UUID> customers) throws SQLException {
        Map<UUID, Set<UUID>> out = new HashMap<>();
        for (UUID id : customers) {
            out.put(id, new HashSet<>());
        }
        if (customers.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("select customer_id, id from public.payments where customer_id = any(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", customers.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashSet<>()).add(rs.getObject(2, UUID.class));
                }
            }
        }
        return out;
    }

    /** Entries PostgreSQL has already, with the version they left (null for a delete). */
    static Map<String, Long> alreadyApplied(Connection c, Collection<String> entryIds) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        if (entryIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "select entry_id, applied_version from shoptwin.journal_applied where entry_id = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", entryIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long v = rs.getLong(2);
                    out.put(rs.getString(1), rs.wasNull() ? null : v);
                }
            }
        }
        return out;
    }

    /**
     * Sends the writes in one round trip and one transaction, committed here: each entry's id is recorded with its
     * writes, and an entry that conflicts or is refused leaves nothing of itself while the others apply (the
     * chunk's attempt in one savepoint rolls back, then each entry goes in its own: R__apply_journal_entries.sql). Throws on a connection failure: the chunk rolls back
     * whole, nothing of it is recorded, the next round writes it again.
     */
    static Map<String, Outcome> apply(Connection c, List<Write> writes) throws SQLException {
        Map<String, Outcome> out = new LinkedHashMap<>();
        if (writes.isEmpty()) {
            return out;
        }
        ArrayNode array = JSON.createArrayNode();
        writes.forEach(w -> array.add(w.toJson()));
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        boolean committed = false;
        try (PreparedStatement ps = c.prepareStatement("select shoptwin.apply_journal_entries(?::jsonb)")) {
            ps.setString(1, array.toString());
            String answer;
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                answer = rs.getString(1);
            }
            c.commit();
            committed = true;
            for (JsonNode o : JSON.readTree(answer)) {
                JsonNode v = o.get("version");
                out.put(o.get("entry").asText(), new Outcome(o.get("entry").asText(), o.get("outcome").asText(),
                        v == null || v.isNull() ? null : v.asLong(), o.hasNonNull("reason") ? o.get("reason").asText() : null));
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("the replay function answered with malformed JSON: " + e.getOriginalMessage(), e);
        } finally {
            if (!committed && !c.isClosed()) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone: PostgreSQL rolled the chunk back itself; the first error is the one thrown
                }
            }
            c.setAutoCommit(auto);
        }
        return out;
    }
}

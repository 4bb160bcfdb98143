package shoptwin.mirror;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.copy.DocumentMapper;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.postgres.Database;

/**
 * The first way out when Supabase went back in time (or the copy is another database's): bring the backup's
 * newer data back into Supabase ({@code shoptwin recover}). Row by row, comparing Supabase with the copy:
 * a document whose row Supabase lost is recreated; a document newer than its row (by {@code updated_at}) is
 * written back; a row the copy deleted (its tombstone) is deleted. A row that changed in Supabase since (it
 * has a change waiting in the change log, or parked: the mirror has written nothing since it stopped) is
 * kept as Supabase has it, and counted as a conflict. The writes are ordinary captured writes with
 * {@code shoptwin.restoring} on (timestamps and versions as the copy has them), in one transaction that
 * holds off the shop's writers while it runs. Then the copy is rebased on the result ({@link Resync#rebase})
 * and verified: versions are comparable again and the mirror goes on.
 */
public final class Recovery {
    private static final Logger log = LoggerFactory.getLogger(Recovery.class);
    private static final int SAMPLES = 10;

    private final Database database;
    private final MongoDatabase copy;
    private ProgressListener progress = ProgressListener.NONE;

    /** {@code copy}: the mirror's view ({@code MongoConnections.forMirror}). */
    public Recovery(Database database, MongoDatabase copy) {
        this.database = Objects.requireNonNull(database);
        this.copy = Objects.requireNonNull(copy);
    }

    public Recovery onProgress(ProgressListener listener) {
        this.progress = listener == null ? ProgressListener.NONE : listener;
        return this;
    }

    /** What it did: the plan carried out, the rebase, and the verify that ended it. */
    public record Outcome(RecoveryPlan plan, ResyncReport rebase, VerifyReport verify) {
        public String describe() {
            return "Brought back into Supabase:\n" + plan.describe() + "Then the backup was rebased on Supabase:\n" + rebase.describe()
                    + verify.describe();
        }
    }

    /** The preview: what {@link #apply} would do now, per table; nothing is written. */
    public RecoveryPlan plan() throws SQLException {
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                return decide(c).plan();
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    /** Brings the copy's newer rows back, rebases the copy on the result, verifies. */
    public Outcome apply() throws SQLException {
        RecoveryPlan done;
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    // nobody writes the shop's tables while rows are compared and written back (reads go on)
                    s.execute("lock table public.shop, public.customers, public.payments in exclusive mode");
                    s.execute("select set_config('shoptwin.restoring', 'on', true)");
                }
                Decisions d = decide(c);
                write(c, d);
                c.commit();
                done = d.plan();
                log.info("[DB Sync] Recover: the backup's newer rows are back in Supabase: {}", done.describe().replace('\n', ' ').trim());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        ResyncReport rebase = new Resync(database, copy).rebase(true).onProgress(progress).run();
        VerifyReport verify = new Verify(database, copy).run();
        return new Outcome(done, rebase, verify);
    }

    // ------------------------------------------------------------------ deciding, row by row

    private static final class Decisions {
        final Map<MirrorTable, List<Document>> upserts = new EnumMap<>(MirrorTable.class);
        final Map<MirrorTable, List<String>> deletes = new EnumMap<>(MirrorTable.class);
        final Map<MirrorTable, long[]> counts = new EnumMap<>(MirrorTable.class); // recreate, change back, delete, conflicts
        final Map<MirrorTable, List<String>> conflicts = new EnumMap<>(MirrorTable.class);

        RecoveryPlan plan() {
            List<RecoveryPlan.Table> tables = new ArrayList<>();
            for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
                long[] n = counts.get(t);
                tables.add(new RecoveryPlan.Table(t, n[0], n[1], n[2], n[3], conflicts.get(t)));
            }
            return new RecoveryPlan(tables);
        }

        void conflict(MirrorTable t, String id) {
            counts.get(t)[3]++;
            if (conflicts.get(t).size() < SAMPLES) {
                conflicts.get(t).add(id);
            }
        }
    }

    private Decisions decide(Connection c) throws SQLException {
        Decisions d = new Decisions();
        Set<String> changedSince = changedInSupabase(c);
        ExpectedCopy reading = ExpectedCopy.read(c);
        Set<String> customersKept = new HashSet<>();
        for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
            d.upserts.put(t, new ArrayList<>());
            d.deletes.put(t, new ArrayList<>());
            d.counts.put(t, new long[4]);
            d.conflicts.put(t, new ArrayList<>());
            Set<String> tombstones = tombstones(t);
            long done = 0;
            try (PreparedStatement ps = c.prepareStatement(reading.select(t)); ResultSet rs = ps.executeQuery();
                 MongoCursor<Document> docs = CopyFormat.collection(copy, t).find().sort(Sorts.ascending(CopyFormat.ID)).batchSize(1_000).iterator()) {
                boolean more = rs.next();
                Document doc = docs.hasNext() ? docs.next() : null;
                while (more || doc != null) {
                    String rowId = more ? rs.getString(1) : null;
                    String docId = doc == null ? null : String.valueOf(doc.get(CopyFormat.ID));
                    int cmp = rowId == null ? 1 : docId == null ? -1 : rowId.compareTo(docId);
                    if (cmp < 0) { // Supabase has the row, the copy does not
                        if (tombstones.contains(rowId)) {
                            if (changedSince.contains(key(t, rowId))) {
                                d.conflict(t, rowId);
                                keep(t, rowId, customersKept);
                            } else {
                                d.deletes.get(t).add(rowId);
                                d.counts.get(t)[2]++;
                            }
                        } else {
                            keep(t, rowId, customersKept); // new in Supabase: the rebase copies it
                        }
                        more = rs.next();
                    } else if (cmp > 0) { // the copy has it, Supabase lost it (or deleted it since)
                        if (changedSince.contains(key(t, docId)) || t == MirrorTable.SHOP && shopChangedSince(changedSince)) {
                            d.conflict(t, docId);
                        } else if (t == MirrorTable.PAYMENTS && !customersKept.contains(String.valueOf(doc.get("customer_id")))) {
                            d.conflict(t, docId); // its customer is gone from Supabase and stays gone
                        } else {
                            d.upserts.get(t).add(doc);
                            d.counts.get(t)[0]++;
                            keep(t, docId, customersKept);
                        }
                        doc = docs.hasNext() ? docs.next() : null;
                    } else {
                        Document expected = reading.document(t, rs);
                        keep(t, rowId, customersKept);
                        if (!expected.equals(CopyFormat.canonical(doc))) {
                            if (changedSince.contains(key(t, rowId)) || !newer(doc, expected)) {
                                d.conflict(t, rowId);
                            } else {
                                d.upserts.get(t).add(doc);
                                d.counts.get(t)[1]++;
                            }
                        }
                        more = rs.next();
                        doc = docs.hasNext() ? docs.next() : null;
                    }
                    if (++done % 1_000 == 0) {
                        progress.progress(t, done, done);
                    }
                }
            }
        }
        return d;
    }

    /** The shop has one row: one Supabase changed since (perhaps a new project's own) stays, and the copy's is not put back. */
    private static boolean shopChangedSince(Set<String> changedSince) {
        return changedSince.stream().anyMatch(k -> k.startsWith(MirrorTable.SHOP.tableName() + ":"));
    }

    private static void keep(MirrorTable t, String id, Set<String> customersKept) {
        if (t == MirrorTable.CUSTOMERS) {
            customersKept.add(id);
        }
    }

    /** The copy's version is at least as recent as Supabase's, by the row's own {@code updated_at}. */
    private static boolean newer(Document doc, Document row) {
        Object a = doc.get("updated_at");
        Object b = row.get("updated_at");
        return a instanceof Date copyAt && b instanceof Date rowAt && !copyAt.before(rowAt);
    }

    /** Rows with a change in Supabase that the copy does not have: waiting in the change log, or parked. */
    private static Set<String> changedInSupabase(Connection c) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select table_name, row_id::text from shoptwin.change_log "
                + "union select table_name, row_id::text from shoptwin.parked_change where retried_at is null")) {
            while (rs.next()) {
                out.add(rs.getString(1) + ":" + rs.getString(2));
            }
        }
        return out;
    }

    private static String key(MirrorTable t, String id) {
        return t.tableName() + ":" + id;
    }

    private Set<String> tombstones(MirrorTable t) {
        Set<String> out = new HashSet<>();
        String prefix = CopyFormat.tombstoneId(t, "");
        for (Document d : CopyFormat.tombstones(copy).find().projection(new Document(CopyFormat.ID, 1)).batchSize(1_000)) {
            String id = String.valueOf(d.get(CopyFormat.ID));
            if (id.startsWith(prefix)) {
                out.add(CopyFormat.rowIdOfTombstone(t, id));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ writing back

    private void write(Connection c, Decisions d) throws SQLException {
        DocumentMapper mapper = DocumentMapper.load(c);
        for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
            if (t == MirrorTable.SHOP && !d.upserts.get(t).isEmpty()) {
                // the shop has one row: the copy's replaces Supabase's when Supabase's is not one it changed since
                try (PreparedStatement ps = c.prepareStatement("delete from public.shop where not (id::text = any(?))")) {
                    ps.setArray(1, c.createArrayOf("text", d.upserts.get(t).stream().map(x -> String.valueOf(x.get(CopyFormat.ID))).toArray()));
                    ps.executeUpdate();
                }
            }
            Restore.write(c, mapper, t, true, d.upserts.get(t), n -> { });
        }
        List<MirrorTable> reverse = new ArrayList<>(MirrorTable.IN_DEPENDENCY_ORDER);
        java.util.Collections.reverse(reverse);
        for (MirrorTable t : reverse) {
            if (d.deletes.get(t).isEmpty()) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement("delete from " + t.qualifiedTableName() + " where id::text = any(?)")) {
                ps.setArray(1, c.createArrayOf("text", d.deletes.get(t).toArray()));
                ps.executeUpdate();
            }
        }
    }
}

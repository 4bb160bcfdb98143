package shoptwin.mirror.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.store.copy.DocumentMapper;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.journal.Journal;
import shoptwin.store.journal.Journal.Mark;
import shoptwin.store.journal.JournalEntry;
import shoptwin.store.journal.JournalOrder;
import shoptwin.store.postgres.Database;

/**
 * Replays the outage journal into PostgreSQL: every pending entry, in the order they were made (per row in
 * causal order, {@link JournalOrder}), decided three ways ({@link ReplayDecisions}) and written with its id recorded
 * in the same PostgreSQL transaction ({@link ReplaySql}), then marked in MongoDB. Run by the mirror's leader
 * before it mirrors anything, and by {@code shoptwin journal replay}.
 *
 * <p>Entries go in chunks: one read of the rows a chunk touches, one call that writes all of the chunk's
 * entries in one transaction (one that conflicts or is refused leaves nothing, the others apply:
 * R__apply_journal_entries.sql), one commit, then one bulk write of the marks: a handful of round trips and one commit per
 * {@value #CHUNK} entries, not several per entry (a commit per entry cost ~5 ms each, docs/benchmarks.md section 9). An entry whose row changed between the read and the write
 * (the web app kept writing) is decided again, up to {@value #ATTEMPTS} times; then it and its row's later
 * entries wait for the next round. Supabase or MongoDB failing mid-way throws: what committed is recorded in
 * {@code shoptwin.journal_applied}, the rest stays pending, nothing is applied twice.
 */
public final class JournalReplay implements OutageReplay {
    private static final Logger log = LoggerFactory.getLogger(JournalReplay.class);
    static final int CHUNK = 500;
    static final int ATTEMPTS = 3;

    private final Database database;
    private final Journal journal;
    private final Clock clock;
    private final UnaryOperator<String> mask;
    private final int chunk;
    /** Test seam: runs after PostgreSQL committed a chunk's writes, before MongoDB marks them. */
    private volatile Runnable afterPostgresCommit = () -> { };

    public JournalReplay(Database database, Journal journal, Clock clock, UnaryOperator<String> mask) {
        this(database, journal, clock, mask, CHUNK);
    }

    /**
     * @param chunk entries sent to PostgreSQL in one round trip and one transaction; 500 by default,
     *              the benchmark compares 1 (one entry per round trip)
     */
    public JournalReplay(Database database, Journal journal, Clock clock, UnaryOperator<String> mask, int chunk) {
        this.database = database;
        this.journal = journal;
        this.clock = clock;
        this.mask = mask;
        this.chunk = chunk;
    }

    /** For tests: a fault point between PostgreSQL's commit and MongoDB's marks. */
    public JournalReplay afterPostgresCommit(Runnable hook) {
        this.afterPostgresCommit = hook;
        return this;
    }

    public Journal journal() {
        return journal;
    }

    @Override
    public ReplayReport replay() throws SQLException {
        Journal.Read read = journal.pending();
        List<Mark> malformed = new ArrayList<>();
        for (Journal.Malformed m : read.malformed()) {
            malformed.add(Mark.invalid(m.id(), "It does not follow the journal's format: " + m.reason() + "."));
        }
        journal.mark(malformed);
        if (read.entries().isEmpty()) {
            if (!malformed.isEmpty()) {
                log.warn("[Journal] {} entr(y/ies) of the outage journal do not follow its format: marked invalid", malformed.size());
            }
            return new ReplayReport(0, 0, malformed.size(), 0);
        }
        ReplayReport report = replay(JournalOrder.sort(read.entries()));
        report = report.plus(new ReplayReport(0, 0, malformed.size(), 0));
        log.info("[Journal] Replayed the changes made on the backup into Supabase: {}", report);
        return report;
    }

    private ReplayReport replay(List<JournalEntry> ordered) throws SQLException {
        Map<String, String> rowOfEntry = new HashMap<>();
        for (JournalEntry e : ordered) {
            rowOfEntry.put(e.id(), e.rowKey());
        }
        Deque<JournalEntry> queue = new ArrayDeque<>(ordered);
        Map<String, Integer> attempts = new HashMap<>();
        Set<String> stuckRows = new HashSet<>();
        int applied = 0;
        int conflicts = 0;
        int invalid = 0;
        int left = 0;
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(true);
            DocumentMapper mapper = DocumentMapper.load(c);
            while (!queue.isEmpty()) {
                List<JournalEntry> batch = new ArrayList<>();
                while (!queue.isEmpty() && batch.size() < chunk) {
                    JournalEntry e = queue.poll();
                    if (blocked(e, waitsFor(e, rowOfEntry), stuckRows)) {
                        stuckRows.add(e.rowKey());
                        left++;
                    } else {
                        batch.add(e);
                    }
                }
                if (batch.isEmpty()) {
                    break;
                }
                Chunk done = apply(c, mapper, batch, rowOfEntry);
                applied += done.applied;
                conflicts += done.conflicts;
                invalid += done.invalid;
                List<JournalEntry> again = new ArrayList<>();
                for (JournalEntry e : done.again) {
                    if (attempts.merge(e.id(), 1, Integer::sum) >= ATTEMPTS) {
                        stuckRows.add(e.rowKey()); // it keeps changing under us: next round
                        left++;
                    } else {
                        again.add(e);
                    }
                }
                for (int i = again.size() - 1; i >= 0; i--) {
                    queue.addFirst(again.get(i));
                }
            }
        }
        return new ReplayReport(applied, conflicts, invalid, left);
    }

    /** The row keys an entry waits for: its own row, its payment's customer, the rows of the entries it follows. */
    static Set<String> waitsFor(JournalEntry e, Map<String, String> rowOfEntry) {
        Set<String> keys = new LinkedHashSet<>();
        UUID customer = e.paymentCustomer();
        if (customer != null) {
            keys.add(JournalEntry.rowKey(MirrorTable.CUSTOMERS, customer));
        }
        for (String f : e.follows()) {
            String k = rowOfEntry.get(f);
            if (k != null) {
                keys.add(k);
            }
        }
        keys.remove(e.rowKey());
        return keys;
    }

    private static boolean blocked(JournalEntry e, Set<String> waitsFor, Set<String> rows) {
        if (rows.contains(e.rowKey())) {
            return true;
        }
        for (String k : waitsFor) {
            if (rows.contains(k)) {
                return true;
            }
        }
        return false;
    }

    private record Chunk(int applied, int conflicts, int invalid, List<JournalEntry> again) {
    }

    /** One chunk: read, decide, write, mark. */
    private Chunk apply(Connection c, DocumentMapper mapper, List<JournalEntry> batch, Map<String, String> rowOfEntry)
            throws SQLException {
        ReplayDecisions.Rows rows = ReplayReads.read(c, mapper, batch);
        List<ReplayDecisions.Decision> decisions = new ArrayList<>(batch.size());
        List<ReplaySql.Write> writes = new ArrayList<>();
        for (JournalEntry e : batch) {
            ReplayDecisions.Decision d = ReplayDecisions.decide(e, rows, waitsFor(e, rowOfEntry), e.madeBy(), "replayed", false);
            decisions.add(d);
            if (d instanceof ReplayDecisions.WriteIt w) {
                writes.add(w.write());
            }
        }
        Map<String, ReplaySql.Outcome> outcomes = ReplaySql.apply(c, writes);
        afterPostgresCommit.run();
        Instant now = clock.instant();
        List<Mark> marks = new ArrayList<>();
        List<JournalEntry> again = new ArrayList<>();
        Set<String> unsettled = new HashSet<>();
        int applied = 0;
        int conflicts = 0;
        int invalid = 0;
        for (int i = 0; i < batch.size(); i++) {
            JournalEntry e = batch.get(i);
            ReplayDecisions.Decision d = decisions.get(i);
            // decided on the assumption that this row's (or its customer's) earlier entry applied: it did not
            if (blocked(e, waitsFor(e, rowOfEntry), unsettled)) {
                unsettled.add(e.rowKey());
                again.add(e);
                continue;
            }
            if (d instanceof ReplayDecisions.WriteIt) {
                ReplaySql.Outcome o = outcomes.get(e.id());
                if (o != null && o.written()) {
                    marks.add(Mark.applied(e.id(), o.version(), now));
                    applied++;
                } else if (o != null && o.outcome().equals("refused")) {
                    marks.add(Mark.invalid(e.id(), "Supabase refused it: " + mask.apply(String.valueOf(o.reason()))));
                    unsettled.add(e.rowKey());
                    invalid++;
                } else {
                    unsettled.add(e.rowKey());
                    again.add(e);
                }
            } else if (d instanceof ReplayDecisions.Done done) {
                marks.add(Mark.applied(e.id(), done.version(), now));
                applied++;
            } else if (d instanceof ReplayDecisions.Conflict k) {
                marks.add(Mark.conflict(e.id(), k.code(), k.reason(), k.conflicts()));
                conflicts++;
            } else if (d instanceof ReplayDecisions.Invalid bad) {
                marks.add(Mark.invalid(e.id(), bad.reason()));
                invalid++;
            }
        }
        journal.mark(marks);
        return new Chunk(applied, conflicts, invalid, again);
    }

    /**
     * Removes the record of entries applied (or decided) before {@code before}: first their ids in PostgreSQL,
     * then the entries (an entry is never pending while its id is gone, so none can apply twice).
     */
    @Override
    public int prune(Instant before) throws SQLException {
        List<Object> ids = journal.expired(before);
        if (ids.isEmpty()) {
            return 0;
        }
        try (Connection c = database.dataSource().getConnection();
             var ps = c.prepareStatement("delete from shoptwin.journal_applied where entry_id = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", ids.stream().map(String::valueOf).toArray()));
            ps.executeUpdate();
        }
        long removed = journal.remove(ids);
        log.info("[Journal] Removed {} entr(y/ies) of the outage journal applied or decided before {}", removed, before);
        return (int) removed;
    }
}

package shoptwin.mirror.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.store.copy.DocumentMapper;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.journal.Journal;
import shoptwin.store.journal.Journal.Mark;
import shoptwin.store.journal.JournalEntry;
import shoptwin.store.journal.JournalEntry.Op;
import shoptwin.store.journal.JournalEntry.State;
import shoptwin.store.journal.JournalFormat;
import shoptwin.store.postgres.Database;

/**
 * A person's decision about a change made during the outage that Supabase could not take as it was:
 * <b>Keep mine</b> (their values are written over Supabase's, as a normal captured update, mirrored like any
 * other), <b>Keep Supabase's</b> (the entry is closed as resolved; nothing is written), and, for a payment whose
 * customer was deleted meanwhile, <b>Recreate the customer</b> (the customer as the person saw them, with the
 * same id, then the payment). Writes go through the replay's own path, so each is recorded in
 * {@code shoptwin.journal_applied} and a decision carried out twice writes once.
 */
public final class JournalResolver {
    private static final Logger log = LoggerFactory.getLogger(JournalResolver.class);
    private static final int ATTEMPTS = 3;

    private final Database database;
    private final Journal journal;
    private final Clock clock;
    private final UnaryOperator<String> mask;

    public JournalResolver(Database database, Journal journal, Clock clock, UnaryOperator<String> mask) {
        this.database = database;
        this.journal = journal;
        this.clock = clock;
        this.mask = mask;
    }

    /** Keep the value made on the backup: written over Supabase's current value. */
    public void keepMine(String id, String by) throws SQLException {
        JournalEntry e = undecided(id);
        if (e.state() == State.INVALID) {
            throw new JournalDecisionRefused("This change cannot be written as it is (" + e.reason()
                    + "): choose Keep Supabase's to close it, and make the change again by hand.");
        }
        if (e.op() == Op.INSERT) {
            throw new JournalDecisionRefused("The customer of this payment is no longer in Supabase: choose Recreate the"
                    + " customer to bring them back with this payment, or Keep Supabase's to drop the payment.");
        }
        Long version = write(List.of(e), by + " (kept over Supabase's)", "kept_mine", true);
        journal.mark(List.of(Mark.resolved(e.id(), "mine", by, clock.instant(), Mark.applied(e.id(), version, clock.instant()))));
        log.info("[Journal] {} kept the change {} made on the backup over Supabase's ({} {} {})", by, e.madeBy(),
                e.op().code(), e.table().tableName(), e.rowId());
    }

    /** Keep what Supabase has: the entry is closed, nothing is written. Also closes an invalid entry. */
    public void keepTheirs(String id, String by) {
        try {
            undecided(id);
        } catch (JournalDecisionRefused e) {
            if (!malformed(id)) {
                throw e;
            }
        }
        if (!journal.decide(id, Mark.resolved(id, "theirs", by, clock.instant(), null))) {
            throw new JournalDecisionRefused("Someone decided about this change a moment ago: the list now shows what they chose.");
        }
        log.info("[Journal] {} kept Supabase's version over entry {}", by, id);
    }

    /** A payment whose customer was deleted meanwhile: the customer comes back as the person saw them, then the payment. */
    public void recreateCustomer(String id, String by) throws SQLException {
        JournalEntry e = undecided(id);
        if (e.table() != MirrorTable.PAYMENTS || e.op() != Op.INSERT || !"customer_gone".equals(e.reasonCode())) {
            throw new JournalDecisionRefused("Recreate the customer is for a new payment whose customer was deleted in Supabase.");
        }
        if (e.customer() == null || e.customer().get("name") == null) {
            throw new JournalDecisionRefused("This entry does not say who the customer was (it was not made by ShopTwin):"
                    + " add the customer again by hand, then the payment.");
        }
        UUID customerId = e.paymentCustomer();
        Instant now = clock.instant();
        JournalEntry customer = JournalEntry.pending(e.id() + "/customer", MirrorTable.CUSTOMERS, Op.INSERT, customerId,
                e.customer(), null, null, now, by, List.of(), null, null);
        Long version = write(List.of(customer, e), by + " (recreated the customer)", "recreated_customer", false);
        journal.mark(List.of(Mark.resolved(e.id(), "recreated_customer", by, now, Mark.applied(e.id(), version, now))));
        log.info("[Journal] {} recreated customer {} for a payment made on the backup", by, customerId);
    }

    /** Supabase's values now of the fields each conflict is about (entry id → field → value), for the outage screen. */
    public Map<String, Map<String, Object>> supabaseNow(List<JournalEntry> conflicts) throws SQLException {
        Map<String, Map<String, Object>> out = new HashMap<>();
        if (conflicts.isEmpty()) {
            return out;
        }
        try (Connection c = database.dataSource().getConnection()) {
            DocumentMapper mapper = DocumentMapper.load(c);
            ReplayDecisions.Rows rows = ReplayReads.read(c, mapper, conflicts);
            for (JournalEntry e : conflicts) {
                Document now = rows.of(e.table()).get(e.rowId());
                Map<String, Object> values = new LinkedHashMap<>();
                Set<String> fields = new LinkedHashSet<>(e.fields().keySet());
                fields.addAll(e.before().keySet());
                for (String f : fields) {
                    values.put(f, now == null ? null : JournalFormat.toJava(now.get(f)));
                }
                out.put(e.id(), now == null ? null : values);
            }
        }
        return out;
    }

    private JournalEntry undecided(String id) {
        JournalEntry e;
        try {
            e = journal.find(id).orElseThrow(() -> new JournalDecisionRefused("There is no change " + id + " in the journal."));
        } catch (shoptwin.store.journal.JournalFormat.MalformedEntryException m) {
            throw new JournalDecisionRefused("This entry does not follow the journal's format (" + m.getMessage()
                    + "): it can only be closed, with Keep Supabase's.");
        }
        if (!e.needsDecision()) {
            throw new JournalDecisionRefused(e.resolvedAt() != null ? "This change was decided already (" + e.resolution() + ", by "
                    + e.resolvedBy() + ")." : "This change is " + e.state().code() + ": there is nothing to decide.");
        }
        return e;
    }

    private boolean malformed(String id) {
        try {
            journal.find(id);
            return false;
        } catch (shoptwin.store.journal.JournalFormat.MalformedEntryException m) {
            return true;
        }
    }

    /** Writes these entries in order through the replay's path; returns the last one's version. */
    private Long write(List<JournalEntry> entries, String madeBy, String outcome, boolean force) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = database.dataSource().getConnection()) {
                c.setAutoCommit(true);
                DocumentMapper mapper = DocumentMapper.load(c);
                ReplayDecisions.Rows rows = ReplayReads.read(c, mapper, entries);
                List<ReplaySql.Write> writes = new java.util.ArrayList<>();
                Long version = null;
                for (JournalEntry e : entries) {
                    ReplayDecisions.Decision d = ReplayDecisions.decide(e, rows, Set.of(), madeBy, outcome, force);
                    if (d instanceof ReplayDecisions.WriteIt w) {
                        writes.add(w.write());
                    } else if (d instanceof ReplayDecisions.Done done) {
                        version = done.version();
                    } else if (d instanceof ReplayDecisions.Conflict k) {
                        // a customer someone brought back already is fine: the payment follows
                        if (!"row_exists".equals(k.code()) || e.table() != MirrorTable.CUSTOMERS) {
                            throw new JournalDecisionRefused(k.reason() + " Choose Keep Supabase's to close it.");
                        }
                    } else if (d instanceof ReplayDecisions.Invalid bad) {
                        throw new JournalDecisionRefused("It cannot be written: " + bad.reason());
                    }
                }
                Map<String, ReplaySql.Outcome> outcomes = ReplaySql.apply(c, writes);
                boolean again = false;
                for (ReplaySql.Write w : writes) {
                    ReplaySql.Outcome o = outcomes.get(w.entry());
                    if (o == null || o.outcome().equals("changed") || o.outcome().equals("waiting")) {
                        again = true;
                    } else if (o.outcome().equals("refused")) {
                        throw new JournalDecisionRefused("Supabase refused it: " + mask.apply(String.valueOf(o.reason())));
                    } else {
                        version = o.version();
                    }
                }
                if (!again) {
                    return version;
                }
                if (attempt >= ATTEMPTS) {
                    throw new JournalDecisionRefused("Supabase keeps changing this row at this very moment: try again in a little while.");
                }
            }
        }
    }
}

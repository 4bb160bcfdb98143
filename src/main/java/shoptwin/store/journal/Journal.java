package shoptwin.store.journal;

import com.mongodb.MongoWriteException;
import com.mongodb.ErrorCategory;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import shoptwin.store.journal.JournalEntry.FieldConflict;
import shoptwin.store.journal.JournalEntry.State;

/**
 * The outage journal in MongoDB ({@link JournalFormat#COLLECTION}, in the copy's database), shared by every
 * console that works on the backup and by the replay. Entries are written one document each with one
 * {@code insertOne} (atomic on any MongoDB), with the write concern of the view given (majority: see
 * {@code MongoConnections.forJournal}); state changes are single-document updates by {@code _id}.
 *
 * <p>Reads by state scan the collection on mongo-java-server (it uses an index only when the filter is
 * exactly the index's keys); the journal holds an outage's changes (tens to thousands), and each replay
 * round reads it once. A real MongoDB serves them from the indexes {@link #ensureIndexes()} creates.
 */
public final class Journal {
    private final MongoCollection<Document> entries;

    /** @param database the copy's database, through the view whose write concern journal writes need */
    public Journal(MongoDatabase database) {
        this.entries = database.getCollection(JournalFormat.COLLECTION);
    }

    /** What a read found: the entries that follow the format, and the documents that do not, with why. */
    public record Read(List<JournalEntry> entries, List<Malformed> malformed) {
    }

    /** A document of the journal that does not follow the format ({@code id} as stored, any type). */
    public record Malformed(Object id, String reason, State state) {
    }

    /**
     * Writes a new entry: one document, one insert. A retry of the same entry (same {@code _id}) after an
     * answer that was lost is a no-op: a duplicate key means it is journaled already.
     */
    public void append(JournalEntry entry) {
        try {
            entries.insertOne(JournalFormat.write(entry));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** Every entry still to replay: one query. */
    public Read pending() {
        return read(Filters.eq(JournalFormat.STATE, State.PENDING.code()));
    }

    /**
     * What the backup's screens lay over the copy: pending entries, and those applied since {@code appliedSince}
     * (the mirror may not have copied them yet; the overlay drops each once the copy has caught up).
     */
    public Read overlay(Instant appliedSince) {
        return read(Filters.or(Filters.eq(JournalFormat.STATE, State.PENDING.code()),
                Filters.and(Filters.eq(JournalFormat.STATE, State.APPLIED.code()),
                        Filters.gte(JournalFormat.APPLIED_AT, Date.from(appliedSince)))));
    }

    /** Every entry, oldest first (the outage screen and {@code shoptwin journal}). */
    public Read all() {
        return read(Filters.empty());
    }

    /** One entry by id, if it is there and follows the format. */
    public java.util.Optional<JournalEntry> find(String id) throws JournalFormat.MalformedEntryException {
        Document d = entries.find(Filters.eq(JournalFormat.ID, id)).first();
        return d == null ? java.util.Optional.empty() : java.util.Optional.of(JournalFormat.read(d));
    }

    private Read read(Bson filter) {
        List<JournalEntry> ok = new ArrayList<>();
        List<Malformed> bad = new ArrayList<>();
        for (Document d : entries.find(filter).sort(Sorts.ascending(JournalFormat.MADE_AT, JournalFormat.ID))) {
            try {
                ok.add(JournalFormat.read(d));
            } catch (JournalFormat.MalformedEntryException e) {
                bad.add(new Malformed(d.get(JournalFormat.ID), e.getMessage(), stateOf(d)));
            }
        }
        return new Read(ok, bad);
    }

    private static State stateOf(Document d) {
        Object s = d.get(JournalFormat.STATE);
        for (State st : State.values()) {
            if (st.code().equals(s)) {
                return st;
            }
        }
        return State.PENDING; // not a known state: it was never replayed
    }

    /** How many entries are in each state, and how many conflicts and invalid entries wait for a person. */
    public record Counts(Map<State, Long> byState, long needDecision) {
        public long of(State state) {
            return byState.getOrDefault(state, 0L);
        }
    }

    /** One read of the states only (projected). */
    public Counts counts() {
        Map<State, Long> by = new EnumMap<>(State.class);
        long undecided = 0;
        for (Document d : entries.find().projection(new Document(JournalFormat.STATE, 1).append(JournalFormat.RESOLVED_AT, 1))) {
            State s = stateOf(d);
            by.merge(s, 1L, Long::sum);
            if ((s == State.CONFLICT || s == State.INVALID) && d.get(JournalFormat.RESOLVED_AT) == null) {
                undecided++;
            }
        }
        return new Counts(by, undecided);
    }

    // ------------------------------------------------------------------ what happened to entries

    /** A state change of one entry, decided by the replay or a person. */
    public record Mark(Object id, Bson update) {
        public static Mark applied(Object id, Long version, Instant at) {
            return new Mark(id, Updates.combine(Updates.set(JournalFormat.STATE, State.APPLIED.code()),
                    Updates.set(JournalFormat.APPLIED_VERSION, version), Updates.set(JournalFormat.APPLIED_AT, Date.from(at)),
                    Updates.unset(JournalFormat.REASON)));
        }

        public static Mark conflict(Object id, String code, String reason, List<FieldConflict> conflicts) {
            return new Mark(id, Updates.combine(Updates.set(JournalFormat.STATE, State.CONFLICT.code()),
                    Updates.set(JournalFormat.REASON, reason), Updates.set(JournalFormat.REASON_CODE, code),
                    Updates.set(JournalFormat.CONFLICTS, JournalFormat.conflictsToBson(conflicts))));
        }

        public static Mark invalid(Object id, String reason) {
            return new Mark(id, Updates.combine(Updates.set(JournalFormat.STATE, State.INVALID.code()),
                    Updates.set(JournalFormat.REASON, reason)));
        }

        /** A person's decision: kept theirs on the backup (written), Supabase's (closed), or recreated the customer. */
        public static Mark resolved(Object id, String resolution, String by, Instant at, Mark also) {
            List<Bson> u = new ArrayList<>();
            if (also != null) {
                u.add(also.update());
            }
            u.add(Updates.set(JournalFormat.RESOLUTION, resolution));
            u.add(Updates.set(JournalFormat.RESOLVED_BY, by));
            u.add(Updates.set(JournalFormat.RESOLVED_AT, Date.from(at)));
            return new Mark(id, Updates.combine(u));
        }
    }

    /**
     * Writes the marks in one unordered bulk write, each filtered by {@code _id} alone (index-backed on every
     * MongoDB; mongo-java-server scans for any other filter). Marks are idempotent: written twice, same result.
     */
    public void mark(List<Mark> marks) {
        if (marks.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> ops = new ArrayList<>(marks.size());
        for (Mark m : marks) {
            ops.add(new UpdateOneModel<>(Filters.eq(JournalFormat.ID, m.id()), m.update()));
        }
        // a mark that did not take is written again next round: the entry stays as it was, nothing is lost
        entries.bulkWrite(ops, new BulkWriteOptions().ordered(false));
    }

    /**
     * A person's decision about an entry that needs one: only if it still needs one (two people deciding at
     * once: the first decision stands). True when this call recorded it.
     */
    public boolean decide(String id, Mark decision) {
        Bson stillUndecided = Filters.and(Filters.eq(JournalFormat.ID, id),
                Filters.in(JournalFormat.STATE, State.CONFLICT.code(), State.INVALID.code()),
                Filters.eq(JournalFormat.RESOLVED_AT, null));
        return entries.updateOne(stillUndecided, decision.update()).getModifiedCount() == 1;
    }

    // ------------------------------------------------------------------ keeping it small

    /** The ids of applied entries (and decided conflicts and invalid entries) older than {@code before}: the record has been kept. */
    public List<Object> expired(Instant before) {
        Date cut = Date.from(before);
        List<Object> ids = new ArrayList<>();
        for (Document d : entries.find(Filters.or(
                        Filters.and(Filters.eq(JournalFormat.STATE, State.APPLIED.code()), Filters.lt(JournalFormat.APPLIED_AT, cut)),
                        Filters.and(Filters.in(JournalFormat.STATE, State.CONFLICT.code(), State.INVALID.code()),
                                Filters.lt(JournalFormat.RESOLVED_AT, cut))))
                .projection(new Document(JournalFormat.ID, 1))) {
            ids.add(d.get(JournalFormat.ID));
        }
        return ids;
    }

    /** Removes these entries. */
    public long remove(List<Object> ids) {
        return ids.isEmpty() ? 0 : entries.deleteMany(Filters.in(JournalFormat.ID, ids)).getDeletedCount();
    }

    /**
     * The indexes a real MongoDB serves the journal's reads from: by state in the order made (the replay's
     * and the screens' query), and applied entries by when (pruning). mongo-java-server accepts and ignores them.
     */
    public void ensureIndexes() {
        entries.createIndex(Indexes.ascending(JournalFormat.STATE, JournalFormat.MADE_AT));
        entries.createIndex(Indexes.ascending(JournalFormat.STATE, JournalFormat.APPLIED_AT));
    }
}

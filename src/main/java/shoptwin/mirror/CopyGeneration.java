package shoptwin.mirror;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.result.UpdateResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.bson.Document;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.copy.MirrorTable;

/**
 * Which database and which history the copy mirrors, for one writer of the copy (the mirror's leader, a
 * resync, a rebase): the generation + intent protocol of docs/mirror.md, "Which database, which history".
 *
 * <p>PostgreSQL keeps its generation and the writers' recent intents ({@code shoptwin.generation},
 * {@code shoptwin.mirror_intent}, V42); the copy keeps one marker ({@link CopyFormat#GENERATION}). Before
 * a writer writes documents, {@link #begin} commits a new intent in PostgreSQL (in the round trip that
 * takes the write lock) and {@link #writeMarker} puts it into the marker; the documents follow. So every
 * document in the copy was written after an intent that PostgreSQL committed after every change the
 * document reflects: a PostgreSQL that still has the marker's intent has all of them. {@link #check} (at
 * the start, and whenever the marker moved under us) and {@link #begin} (before every write) compare:
 * another generation is a different database; the marker's intent missing is a database that went back
 * in time. Either is a {@link CopyDivergedException}: the writer writes nothing.
 */
final class CopyGeneration {
    /** Intents kept in PostgreSQL besides the marker's own: plenty for writers whose marker write failed. */
    static final int KEEP_INTENTS = 1_000;
    static final String STATE_REBASING = "rebasing";
    private static final String F_GENERATION = "generation";
    private static final String F_INTENT_N = "intent_n";
    private static final String F_INTENT_TOKEN = "intent_token";
    private static final String F_DATABASE = "database";
    private static final String F_UPDATED_AT = "updated_at";
    private static final String F_STATE = "state";

    /** The copy's marker as read. {@code generation} null: a marker written by a rebase that has not finished. */
    record Marker(String generation, long intentN, String intentToken, String state) {
        static Marker of(Document d) {
            if (d == null) {
                return null;
            }
            Object n = d.get(F_INTENT_N);
            return new Marker(d.getString(F_GENERATION), n instanceof Number num ? num.longValue() : 0L, d.getString(F_INTENT_TOKEN),
                    d.getString(F_STATE));
        }
    }

    /**
     * What PostgreSQL said when this writer took the write lock. {@code intentN} null: no new intent was asked for
     * or made. {@code waited}: how long it waited for a previous writer that died mid-write.
     */
    record Began(long epoch, UUID generation, boolean knownIntentPresent, Long intentN, UUID intentToken, Duration waited) {
    }

    private final MongoDatabase copy;
    private final String databaseLabel;
    private final Clock clock;
    private final UnaryOperator<MongoDatabase> withinDeadline;

    // this writer's view: whether the copy was checked since it began, and the marker it last saw or wrote
    private boolean checked;
    private Marker known;

    /**
     * @param copy            the mirror's view of the copy (majority writes, primary reads)
     * @param databaseLabel   host/name of the PostgreSQL database (masked), written into the marker to inform a person
     * @param withinDeadline  the copy as the current write's deadline allows (identity when there is none)
     */
    CopyGeneration(MongoDatabase copy, String databaseLabel, Clock clock, UnaryOperator<MongoDatabase> withinDeadline) {
        this.copy = Objects.requireNonNull(copy);
        this.databaseLabel = databaseLabel;
        this.clock = clock;
        this.withinDeadline = withinDeadline;
    }

    CopyGeneration(MongoDatabase copy, String databaseLabel) {
        this(copy, databaseLabel, Clock.systemUTC(), UnaryOperator.identity());
    }

    /** Forget what was checked (a new leadership, a failure): the next write checks the copy again first. */
    void forget() {
        checked = false;
        known = null;
    }

    boolean checked() {
        return checked;
    }

    /**
     * The full check: reads the copy's marker and compares it with PostgreSQL. Null when they belong to one
     * history (or the copy has no marker yet: this writer adopts it with its first write), else why not.
     */
    Divergence check(Connection pg) throws SQLException {
        Marker m = Marker.of(CopyFormat.generation(copy).find(Filters.eq(CopyFormat.ID, CopyFormat.MARKER_ID)).first());
        Divergence d = compare(pg, m);
        checked = d == null;
        known = d == null ? m : null;
        return d;
    }

    private Divergence compare(Connection pg, Marker m) throws SQLException {
        if (m == null) {
            return null; // an empty copy, or one written before ShopTwin kept a marker: adopted at the first write
        }
        if (STATE_REBASING.equals(m.state()) || m.generation() == null) {
            return new Divergence(Divergence.Kind.REBASE_INTERRUPTED, clock.instant());
        }
        try (PreparedStatement ps = pg.prepareStatement("select g.id::text, exists (select 1 from shoptwin.mirror_intent i "
                + "where i.n = ? and i.token::text = ?) from shoptwin.generation g")) {
            ps.setLong(1, m.intentN());
            ps.setString(2, m.intentToken());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !m.generation().equals(rs.getString(1))) {
                    return new Divergence(Divergence.Kind.DIFFERENT_DATABASE, clock.instant());
                }
                return rs.getBoolean(2) ? null : new Divergence(Divergence.Kind.BEHIND, clock.instant());
            }
        }
    }

    /**
     * Takes the write lock on {@code session} and, in the same round trip ({@code shoptwin.begin_copy_write}):
     * waits out a previous writer that died mid-write, records {@code deadline}'s end as this writer's, moves the
     * copy's epoch when {@code moveEpoch}, reads it and this database's generation, checks that the intent this
     * writer knows from the marker is still there, and (when {@code newIntent}) commits a new intent. Starts
     * {@code deadline} so that it ends before the one PostgreSQL recorded. The caller releases the lock
     * ({@link MirrorLocks#underWriteLock}) after {@link #verify} and its writes.
     */
    Began begin(Connection session, boolean newIntent, boolean moveEpoch, WriteDeadline deadline) throws SQLException {
        long sent = System.nanoTime();
        Began b;
        try (PreparedStatement ps = session.prepareStatement("select epoch, generation, known_intent_present, intent_n, intent_token, "
                + "waited_ms from shoptwin.begin_copy_write(?, ?, ?::uuid, ?, ?, ?, ?)")) {
            ps.setLong(1, MirrorLocks.WRITE_KEY);
            if (known == null) {
                ps.setNull(2, java.sql.Types.BIGINT);
                ps.setNull(3, java.sql.Types.VARCHAR);
            } else {
                ps.setLong(2, known.intentN());
                ps.setString(3, known.intentToken());
            }
            ps.setBoolean(4, newIntent);
            ps.setBoolean(5, moveEpoch);
            ps.setInt(6, (int) Math.min(Integer.MAX_VALUE, deadline.length().toMillis()));
            ps.setInt(7, KEEP_INTENTS);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long n = rs.getLong(4);
                Long intentN = rs.wasNull() ? null : n;
                b = new Began(rs.getLong(1), (UUID) rs.getObject(2), rs.getBoolean(3), intentN, (UUID) rs.getObject(5),
                        Duration.ofMillis(rs.getInt(6)));
            }
        }
        // PostgreSQL stamped its deadline after the wait, later than (sent + waited) in real time: ours ends first
        deadline.startAt(sent + Math.max(0, b.waited().toNanos() - 50_000_000L)); // 50 ms margin for the rounding of the wait
        return b;
    }

    /** Under the write lock: throws when PostgreSQL, as {@link #begin} found it, is not the history the copy knows. */
    void verify(Began b) {
        if (!b.knownIntentPresent()) {
            forget();
            throw new CopyDivergedException(new Divergence(Divergence.Kind.BEHIND, clock.instant()));
        }
        if (known != null && !b.generation().toString().equals(known.generation())) {
            forget();
            throw new CopyDivergedException(new Divergence(Divergence.Kind.DIFFERENT_DATABASE, clock.instant()));
        }
    }

    /**
     * Under the write lock, before any document: puts {@code b}'s new intent into the copy's marker (only over a
     * marker of this generation with an older intent). A marker that moved meanwhile is read again: a newer
     * intent of this database is fine (its writer's intent covers ours), anything else is a divergence.
     */
    void writeMarker(Connection pg, Began b) throws SQLException {
        if (b.intentN() == null) {
            throw new IllegalStateException("no intent to write: begin(session, true) first");
        }
        Document next = new Document(CopyFormat.ID, CopyFormat.MARKER_ID)
                .append(F_GENERATION, b.generation().toString())
                .append(F_INTENT_N, b.intentN())
                .append(F_INTENT_TOKEN, b.intentToken().toString())
                .append(F_DATABASE, databaseLabel)
                .append(F_UPDATED_AT, Date.from(clock.instant()));
        MongoCollection<Document> markers = CopyFormat.generation(withinDeadline.apply(copy));
        boolean written;
        if (known == null) {
            written = insert(markers, next);
        } else {
            UpdateResult r = markers.replaceOne(Filters.and(Filters.eq(CopyFormat.ID, CopyFormat.MARKER_ID),
                    Filters.eq(F_GENERATION, b.generation().toString()), Filters.lt(F_INTENT_N, b.intentN())), next);
            written = r.getMatchedCount() > 0;
        }
        if (written) {
            known = Marker.of(next);
            checked = true;
            return;
        }
        Marker now = Marker.of(markers.find(Filters.eq(CopyFormat.ID, CopyFormat.MARKER_ID)).first());
        if (now == null) {
            if (insert(markers, next)) { // someone removed it meanwhile: put ours
                known = Marker.of(next);
                return;
            }
            throw new IllegalStateException("the copy's marker changed twice while this batch began; trying again");
        }
        if (b.generation().toString().equals(now.generation()) && now.intentN() >= b.intentN() && now.state() == null) {
            known = now; // a newer writer of this same database: its intent came after ours
            return;
        }
        Divergence d = compare(pg, now);
        forget();
        throw new CopyDivergedException(d != null ? d : new Divergence(Divergence.Kind.DIFFERENT_DATABASE, clock.instant()));
    }

    private static boolean insert(MongoCollection<Document> markers, Document marker) {
        try {
            markers.insertOne(marker);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Marks the copy as being replaced by a rebase: from now on every writer that checks the marker holds
     * ({@link Divergence.Kind#REBASE_INTERRUPTED}) until {@link #writeMarker} puts the rebase's own intent there.
     */
    void markRebasing() {
        Document rebasing = new Document(CopyFormat.ID, CopyFormat.MARKER_ID).append(F_STATE, STATE_REBASING)
                .append(F_DATABASE, databaseLabel).append(F_UPDATED_AT, Date.from(clock.instant()));
        CopyFormat.generation(withinDeadline.apply(copy)).replaceOne(Filters.eq(CopyFormat.ID, CopyFormat.MARKER_ID), rebasing,
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
        known = null; // the rebase's own marker goes in with insert-or-replace semantics below
        checked = true;
    }

    /** After {@link #markRebasing}: the rebase's final marker replaces the "rebasing" one whatever it holds. */
    void finishRebase(Began b) {
        Document next = new Document(CopyFormat.ID, CopyFormat.MARKER_ID)
                .append(F_GENERATION, b.generation().toString())
                .append(F_INTENT_N, b.intentN())
                .append(F_INTENT_TOKEN, b.intentToken().toString())
                .append(F_DATABASE, databaseLabel)
                .append(F_UPDATED_AT, Date.from(clock.instant()));
        CopyFormat.generation(withinDeadline.apply(copy)).replaceOne(Filters.eq(CopyFormat.ID, CopyFormat.MARKER_ID), next,
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
        known = Marker.of(next);
    }

    /** The copy's marker as it is (for restore, which makes PostgreSQL adopt it), or null. */
    static Marker read(MongoDatabase copy) {
        return Marker.of(CopyFormat.generation(copy).find(Filters.eq(CopyFormat.ID, CopyFormat.MARKER_ID)).first());
    }

    /** True when the copy holds nothing of any table (no documents, no tombstones). */
    static boolean copyIsEmpty(MongoDatabase copy) {
        for (MirrorTable t : MirrorTable.values()) {
            if (CopyFormat.collection(copy, t).find().limit(1).first() != null) {
                return false;
            }
        }
        return CopyFormat.tombstones(copy).find().limit(1).first() == null;
    }
}

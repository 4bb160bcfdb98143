package shoptwin.mirror;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import shoptwin.config.MongoSettings;
import shoptwin.config.Secrets;
import shoptwin.mirror.journal.JournalReplay;
import shoptwin.mirror.journal.OutageReplay;
import shoptwin.store.journal.Journal;
import shoptwin.store.mongo.MongoConnections;
import shoptwin.store.postgres.Database;

/**
 * {@link MirrorService.Builder}: keeps the settings and assembles the service from its parts
 * ({@link PostgresLeadership}, {@link BatchApplier}, {@link HealthTracker}). Its package-private methods
 * are the seams for tests in this package: a fault point after the MongoDB write, how the loop waits, and
 * fakes for the parts.
 */
final class MirrorBuilder implements MirrorService.Builder {
    Database database;
    MongoSettings mongoSettings;
    MongoClient mongoClient;
    String mongoDatabase;
    int batchSize = 1_000;
    Duration pollInterval = Duration.ofSeconds(1);
    Duration standbyRetry = Duration.ofMillis(1_500);
    Duration backoffMin = Duration.ofMillis(200);
    Duration backoffMax = Duration.ofSeconds(30);
    String host;
    MirrorHealth.Kind kind = MirrorHealth.Kind.CONSOLE;
    Duration tombstoneRetention = Duration.ofDays(7);
    boolean recordHistory = true;
    Duration historyRetention = Duration.ofDays(HistoryPruning.DEFAULT_DAYS);
    Clock clock = Clock.systemUTC();
    Duration writeDeadline = DEFAULT_WRITE_DEADLINE;
    Duration divergedRecheck = Duration.ofSeconds(5);
    boolean fenced = true;
    Duration journalReplayEvery = Duration.ofSeconds(5);
    final List<MirrorListener> listeners = new ArrayList<>();
    /** A batch's MongoDB writes must be over this long after it took the write lock; a new leader waits as long. */
    static final Duration DEFAULT_WRITE_DEADLINE = Duration.ofSeconds(10);
    UnaryOperator<org.bson.Document> afterMapping;
    Runnable beforeDocuments;
    // seams for tests in shoptwin.mirror
    Runnable afterMongoWrite;
    MirrorService.Pause pause;
    Leadership leadership;
    Batches batches;
    HealthTracker.StatsSource stats;
    OutageReplay replay;

    @Override
    public MirrorBuilder database(Database database) {
        this.database = database;
        return this;
    }

    @Override
    public MirrorBuilder mongo(MongoSettings settings) {
        this.mongoSettings = settings;
        this.mongoDatabase = settings.database();
        return this;
    }

    @Override
    public MirrorBuilder mongoClient(MongoClient client, String databaseName) {
        this.mongoClient = client;
        this.mongoDatabase = databaseName;
        return this;
    }

    @Override
    public MirrorBuilder batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        this.batchSize = batchSize;
        return this;
    }

    @Override
    public MirrorBuilder pollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
        return this;
    }

    @Override
    public MirrorBuilder standbyRetry(Duration standbyRetry) {
        this.standbyRetry = standbyRetry;
        return this;
    }

    @Override
    public MirrorBuilder backoff(Duration min, Duration max) {
        this.backoffMin = min;
        this.backoffMax = max;
        return this;
    }

    @Override
    public MirrorBuilder host(String host) {
        this.host = host;
        return this;
    }

    @Override
    public MirrorBuilder kind(MirrorHealth.Kind kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
        return this;
    }

    @Override
    public MirrorBuilder tombstoneRetention(Duration retention) {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("tombstone retention must not be negative");
        }
        this.tombstoneRetention = retention;
        return this;
    }

    @Override
    public MirrorBuilder history(boolean record) {
        this.recordHistory = record;
        return this;
    }

    @Override
    public MirrorBuilder historyRetention(Duration retention) {
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("the history must be kept at least 1 day");
        }
        this.historyRetention = retention;
        return this;
    }

    @Override
    public MirrorBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    @Override
    public MirrorBuilder writeDeadline(Duration deadline) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the write deadline must be positive");
        }
        this.writeDeadline = deadline;
        return this;
    }

    @Override
    public MirrorBuilder fencedWrites(boolean fenced) {
        this.fenced = fenced;
        return this;
    }

    /** How often a mirror that stopped copying (diverged) looks again whether a person has resolved it. */
    MirrorBuilder divergedRecheck(Duration every) {
        this.divergedRecheck = every;
        return this;
    }

    /** Test seam: a planted mapping bug (the document after the mapper, before it is written). */
    MirrorBuilder afterMapping(UnaryOperator<org.bson.Document> change) {
        this.afterMapping = change;
        return this;
    }

    /** Test seam: runs under the write lock after the copy's marker, before the batch's documents (a leader paused mid-batch). */
    MirrorBuilder beforeDocuments(Runnable hook) {
        this.beforeDocuments = hook;
        return this;
    }

    @Override
    public MirrorBuilder listener(MirrorListener listener) {
        listeners.add(listener);
        return this;
    }

    @Override
    public MirrorBuilder journalReplayEvery(Duration every) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("the journal's replay interval must be positive");
        }
        this.journalReplayEvery = every;
        return this;
    }

    /** For the loop's unit tests, and tests of the replay: the outage journal's replay (default: the copy's journal). */
    MirrorBuilder replay(OutageReplay replay) {
        this.replay = replay;
        return this;
    }

    /** Fault point for tests: runs after MongoDB acknowledged a batch, before the change log is trimmed. */
    MirrorBuilder afterMongoWrite(Runnable hook) {
        this.afterMongoWrite = hook;
        return this;
    }

    /** For the loop's unit tests: how the loop waits (a test clock advances instead of sleeping). */
    MirrorBuilder pause(MirrorService.Pause pause) {
        this.pause = pause;
        return this;
    }

    /** For the loop's unit tests: fakes instead of PostgreSQL and MongoDB. */
    MirrorBuilder parts(Leadership leadership, Batches batches, HealthTracker.StatsSource stats) {
        this.leadership = leadership;
        this.batches = batches;
        this.stats = stats;
        return this;
    }

    @Override
    public MirrorService build() {
        if (batches == null && mongoDatabase == null) {
            throw new IllegalStateException("set mongo(...) or mongoClient(...)");
        }
        if (leadership == null || batches == null || stats == null) {
            Objects.requireNonNull(database, "database");
        }
        List<String> secrets = database == null || database.settings().password() == null ? List.of()
                : List.of(database.settings().password());
        UnaryOperator<String> mask = text -> Secrets.maskAll(Secrets.mask(text, secrets));
        ChangeLog changeLog = database == null ? null : new ChangeLog(database.dataSource());
        Leadership leader = leadership != null ? leadership : new PostgresLeadership(database, host, kind, mask);
        HealthTracker health = new HealthTracker(stats != null ? stats : changeLog::stats, clock, mask, listeners);
        MongoClient owned = null;
        Batches applier = batches;
        OutageReplay journal = replay != null ? replay : OutageReplay.NONE;
        if (applier == null) {
            owned = mongoClient == null ? MongoConnections.open(Objects.requireNonNull(mongoSettings, "mongo settings")) : null;
            MongoClient client = mongoClient != null ? mongoClient : owned;
            MongoDatabase view = MongoConnections.forMirror(client, mongoDatabase);
            WriteDeadline deadline = new WriteDeadline(writeDeadline);
            MongoCopy copy = new MongoCopy(view, BatchApplier.REMEMBERED_VERSIONS, clock, deadline, fenced);
            CopyGeneration generation = new CopyGeneration(view, mask.apply(database.describe()), clock, deadline::apply);
            // the history goes through the same view as the copy: the same durability, the same batch
            HistoryRecorder history = recordHistory ? new HistoryRecorder(view, mask) : null;
            BatchApplier batchApplier = new BatchApplier(changeLog, copy, generation, deadline, batchSize, clock, mask, afterMongoWrite,
                    afterMapping, new ColumnChanges(database, view, mask), history, recordHistory ? new HistoryPruning(view, clock) : null);
            if (beforeDocuments != null) {
                batchApplier.beforeDocuments = beforeDocuments;
            }
            applier = batchApplier;
            if (replay == null) {
                journal = new JournalReplay(database, new Journal(MongoConnections.forJournal(client, mongoDatabase)), clock, mask);
            }
        }
        return new MirrorService(this, leader, applier, journal, health, changeLog, owned, mask);
    }
}

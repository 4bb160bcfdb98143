package shoptwin.mirror;

import com.mongodb.client.MongoClient;
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
    Duration tombstoneRetention = Duration.ofDays(7);
    Clock clock = Clock.systemUTC();
    Duration journalReplayEvery = Duration.ofSeconds(5);
    final List<MirrorListener> listeners = new ArrayList<>();
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
    public MirrorBuilder tombstoneRetention(Duration retention) {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("tombstone retention must not be negative");
        }
        this.tombstoneRetention = retention;
        return this;
    }

    @Override
    public MirrorBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
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
        Leadership leader = leadership != null ? leadership : new PostgresLeadership(database, host, mask);
        HealthTracker health = new HealthTracker(stats != null ? stats : changeLog::stats, clock, mask, listeners);
        MongoClient owned = null;
        Batches applier = batches;
        OutageReplay journal = replay != null ? replay : OutageReplay.NONE;
        if (applier == null) {
            owned = mongoClient == null ? MongoConnections.open(Objects.requireNonNull(mongoSettings, "mongo settings")) : null;
            MongoClient client = mongoClient != null ? mongoClient : owned;
            MongoCopy copy = new MongoCopy(MongoConnections.forMirror(client, mongoDatabase),
                    BatchApplier.REMEMBERED_VERSIONS, clock);
            applier = new BatchApplier(changeLog, copy, batchSize, clock, mask, afterMongoWrite);
            if (replay == null) {
                journal = new JournalReplay(database, new Journal(MongoConnections.forJournal(client, mongoDatabase)), clock, mask);
            }
        }
        return new MirrorService(this, leader, applier, journal, health, changeLog, owned, mask);
    }
}

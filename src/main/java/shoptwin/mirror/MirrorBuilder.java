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
    boolean recordHistory = true;
    Duration historyRetention = Duration.ofDays(HistoryPruning.DEFAULT_DAYS);
    Clock clock = Clock.systemUTC();
    final List<MirrorListener> listeners = new ArrayList<>();
    // seams for tests in shoptwin.mirror
    Runnable afterMongoWrite;
    MirrorService.Pause pause;
    Leadership leadership;
    Batches batches;
    HealthTracker.StatsSource stats;

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
    public MirrorBuilder listener(MirrorListener listener) {
        listeners.add(listener);
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
        if (applier == null) {
            owned = mongoClient == null ? MongoConnections.open(Objects.requireNonNull(mongoSettings, "mongo settings")) : null;
            com.mongodb.client.MongoDatabase view = MongoConnections.forMirror(mongoClient != null ? mongoClient : owned, mongoDatabase);
            MongoCopy copy = new MongoCopy(view, BatchApplier.REMEMBERED_VERSIONS, clock);
            // the history goes through the same view as the copy: the same durability, the same batch
            HistoryRecorder history = recordHistory ? new HistoryRecorder(view, mask) : null;
            applier = new BatchApplier(changeLog, copy, batchSize, clock, mask, afterMongoWrite, history,
                    recordHistory ? new HistoryPruning(view, clock) : null);
        }
        return new MirrorService(this, leader, applier, health, changeLog, owned, mask);
    }
}

package shoptwin.app;

import com.mongodb.client.MongoClient;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.mirror.MirrorService;
import shoptwin.store.postgres.Database;

/** The mirror service on its own daemon thread, for as long as the console runs. */
final class MirrorRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MirrorRunner.class);

    private final MirrorService service;
    private final Thread thread;

    private MirrorRunner(MirrorService service) {
        this.service = service;
        this.thread = new Thread(() -> {
            try {
                service.run();
            } catch (RuntimeException | Error e) {
                // the service retries by itself; reaching here is a bug worth a loud log line
                log.error("[DB Sync] The mirror stopped unexpectedly", e);
            }
        }, "shoptwin-mirror");
        thread.setDaemon(true);
    }

    /** Mirrors through the console's client (closed by its owner after this runner). */
    static MirrorRunner start(Database database, MongoClient mongo, String mongoDatabase, java.time.Duration historyRetention) {
        MirrorRunner runner = new MirrorRunner(MirrorService.builder().database(database).mongoClient(mongo, mongoDatabase)
                .historyRetention(historyRetention).build());
        runner.thread.start();
        return runner;
    }

    MirrorService service() {
        return service;
    }

    Optional<Instant> lastSuccessAt() {
        return Optional.ofNullable(service.health().lastSuccessAt());
    }

    /** The batch in flight finishes or stays in the change log; then the thread ends. */
    @Override
    public void close() throws InterruptedException {
        service.close();
        thread.join(35_000);
        if (thread.isAlive()) {
            log.warn("[DB Sync] The mirror thread is still running after close; the change log keeps its batch");
        }
    }
}

package shoptwin.mirror;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;
import shoptwin.store.postgres.Database;

/**
 * A mirror process for {@link ZombieLeaderTest}: mirrors with a long write deadline and stops for good in the
 * middle of its second batch (holding the write lock, its marker written), printing {@link #PAUSED}, so that
 * the test can kill it there.
 */
public final class PausingMirror {
    static final String PAUSED = "PAUSED MID-BATCH";

    private PausingMirror() {
    }

    public static void main(String[] args) throws Exception {
        PostgresSettings pg = new PostgresSettings(System.getenv("SHOPTWIN_TEST_PG_URL_FOR_CHILD"), System.getenv("SHOPTWIN_TEST_PG_USER_FOR_CHILD"), null);
        MongoSettings mongo = new MongoSettings(System.getenv("SHOPTWIN_TEST_MONGO_URI_FOR_CHILD"), System.getenv("SHOPTWIN_TEST_MONGO_DB_FOR_CHILD"));
        AtomicInteger batches = new AtomicInteger();
        try (Database db = new Database(pg, 2)) {
            MirrorService mirror = new MirrorBuilder().database(db).mongo(mongo).batchSize(500).writeDeadline(Duration.ofSeconds(4))
                    .beforeDocuments(() -> {
                        if (batches.incrementAndGet() == 2) {
                            System.out.println(PAUSED);
                            System.out.flush();
                            try {
                                Thread.sleep(Long.MAX_VALUE);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }).build();
            mirror.run();
        }
    }
}

package shoptwin.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import shoptwin.config.MongoSettings;
import shoptwin.mirror.MirrorService;
import shoptwin.store.Dataset;
import shoptwin.store.ReadStoreContractTest;
import shoptwin.store.ShopStore;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.PostgresFixtures;
import shoptwin.testing.TestDatabases;

/**
 * The read-store contract against the copy the real mirror makes: the rows go into PostgreSQL,
 * the mirror drains the change log into MongoDB once, and the MongoDB store must answer exactly
 * as the PostgreSQL store does.
 */
class MirroredReadStoreContractTest extends ReadStoreContractTest {
    private Database database;

    @Override
    protected ShopStore storeWith(Dataset dataset) throws Exception {
        database = new Database(TestDatabases.freshPostgres(), 4);
        database.migrate();
        PostgresFixtures.insert(database.dataSource(), dataset);
        MongoSettings mongo = TestDatabases.freshMongo();
        try (MirrorService mirror = MirrorService.builder().database(database).mongo(mongo).build()) {
            assertThat(mirror.runUntilDrained(Duration.ofSeconds(60))).as("the mirror drained the change log").isTrue();
        }
        return MongoShopStore.open(mongo);
    }

    @AfterAll
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }
}

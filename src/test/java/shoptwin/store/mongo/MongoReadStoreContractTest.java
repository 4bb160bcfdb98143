package shoptwin.store.mongo;

import com.mongodb.client.MongoClient;
import org.junit.jupiter.api.AfterAll;
import shoptwin.config.MongoSettings;
import shoptwin.store.Dataset;
import shoptwin.store.ReadStoreContractTest;
import shoptwin.store.ShopStore;
import shoptwin.testing.TestDatabases;

/** The read-store contract against the MongoDB copy, seeded in the mirror's document format. */
class MongoReadStoreContractTest extends ReadStoreContractTest {
    private MongoClient client;

    @Override
    protected ShopStore storeWith(Dataset dataset) {
        MongoSettings settings = TestDatabases.freshMongo();
        client = TestDatabases.mongoClient();
        CopyFixtures.insert(client.getDatabase(settings.database()), dataset);
        return MongoShopStore.open(settings);
    }

    @AfterAll
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }
}

package shoptwin.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import shoptwin.config.MongoSettings;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.domain.ShopDraft;
import shoptwin.store.Dataset;
import shoptwin.store.ReadOnlyStoreException;
import shoptwin.store.ShopStore;
import shoptwin.store.StoreUnavailableException;
import shoptwin.testing.TestDatabases;

class MongoShopStoreTest {
    private final Dataset data = Dataset.standard();
    private MongoClient client;
    private MongoDatabase db;
    private MongoShopStore store;

    @BeforeEach
    void seed() {
        MongoSettings settings = TestDatabases.freshMongo();
        client = TestDatabases.mongoClient();
        db = client.getDatabase(settings.database());
        CopyFixtures.insert(db, data);
        store = MongoShopStore.open(settings);
    }

    @AfterEach
    void close() {
        store.close();
        client.close();
    }

    @Test
    void everyWriteIsRefusedAndNothingChanges() {
        UUID id = data.customers().get(0).id();
        CustomerDraft draft = new CustomerDraft("New", null, null, null, null);
        PaymentDraft payment = new PaymentDraft(id, "1.00", PaymentMethod.CASH, null, null, Instant.now());
        ShopDraft shop = data.shop().toDraft();
        assertThat(store.isReadOnly()).isTrue();
        assertThatThrownBy(() -> store.createCustomer(draft)).isInstanceOf(ReadOnlyStoreException.class);
        assertThatThrownBy(() -> store.updateCustomer(id, 1, draft)).isInstanceOf(ReadOnlyStoreException.class);
        assertThatThrownBy(() -> store.deleteCustomer(id)).isInstanceOf(ReadOnlyStoreException.class);
        assertThatThrownBy(() -> store.createPayment(payment)).isInstanceOf(ReadOnlyStoreException.class);
        assertThatThrownBy(() -> store.updatePayment(data.payments().get(0).id(), 1, payment))
                .isInstanceOf(ReadOnlyStoreException.class);
        assertThatThrownBy(() -> store.deletePayment(data.payments().get(0).id()))
                .isInstanceOf(ReadOnlyStoreException.class);
        assertThatThrownBy(() -> store.saveShop(ShopStore.ANY_VERSION, shop))
                .isInstanceOf(ReadOnlyStoreException.class)
                .hasMessageContaining("read-only");
        assertThat(db.getCollection("customers").countDocuments()).isEqualTo(data.customers().size());
        assertThat(db.getCollection("payments").countDocuments()).isEqualTo(data.payments().size());
        assertThat(store.getShop()).contains(data.shop());
    }

    @Test
    void describesItselfWithoutThePassword() {
        MongoSettings secret = new MongoSettings("mongodb://shop:s3cretPass@db.example.com:27017/?authSource=admin", "shop");
        assertThat(MongoShopStore.describe(secret))
                .isEqualTo("MongoDB backup (db.example.com:27017 / shop)")
                .doesNotContain("s3cretPass");
    }

    @Test
    void theNewestChangeIsTheLatestUpdatedAtInTheCopy() {
        Instant newest = Instant.parse("2026-11-01T10:00:00.456Z");
        db.getCollection("payments").updateOne(new Document("_id", data.payments().get(3).id().toString()),
                new Document("$set", new Document("updated_at", Date.from(newest))));
        assertThat(store.newestChange()).contains(newest);
    }

    @Test
    void anUnreachableServerIsReportedAsUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (MongoShopStore dead = MongoShopStore.open(new MongoSettings("mongodb://127.0.0.1:" + port, "x"))) {
            assertThatThrownBy(() -> dead.getShop())
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("cannot be reached");
        }
    }

    @Test
    void creatingTheIndexesTwiceChangesNoDocument() {
        store.ensureIndexes();
        store.ensureIndexes();
        assertThat(db.getCollection("customers").countDocuments()).isEqualTo(data.customers().size());
        assertThat(store.getCustomer(data.customers().get(0).id())).contains(data.customers().get(0));
    }
}

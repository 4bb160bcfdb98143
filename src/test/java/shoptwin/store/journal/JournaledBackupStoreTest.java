package shoptwin.store.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import shoptwin.config.MongoSettings;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.domain.ValidationException;
import shoptwin.store.ConflictException;
import shoptwin.store.CustomerQuery;
import shoptwin.store.Dataset;
import shoptwin.store.NotFoundException;
import shoptwin.store.ReadOnlyStoreException;
import shoptwin.store.StoreUnavailableException;
import shoptwin.store.mongo.CopyFixtures;
import shoptwin.store.mongo.MongoConnections;
import shoptwin.testing.FlakyProxy;
import shoptwin.testing.TestDatabases;

/** Working on the backup: the same rules as on Supabase, and a clear answer when even MongoDB is away. */
class JournaledBackupStoreTest {
    private final Dataset data = Dataset.standard();
    private MongoSettings settings;
    private MongoClient client;
    private MongoDatabase db;
    private JournaledBackupStore till1;
    private JournaledBackupStore till2;
    private Journal journal;

    @BeforeEach
    void seed() {
        settings = TestDatabases.freshMongo();
        client = MongoConnections.open(settings);
        db = client.getDatabase(settings.database());
        CopyFixtures.insert(db, data);
        till1 = JournaledBackupStore.over(client, settings.database(), "backup", () -> "Meera", Clock.systemUTC());
        till2 = JournaledBackupStore.over(client, settings.database(), "backup", () -> "Ravi", Clock.systemUTC());
        journal = till1.journal();
    }

    @AfterEach
    void close() {
        client.close();
    }

    private long entries() {
        return db.getCollection(JournalFormat.COLLECTION).countDocuments();
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsJournaled() {
        UUID asha = data.customers().get(0).id();
        assertThatThrownBy(() -> till1.createCustomer(new CustomerDraft(" ", "12", "not-an-email", null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.hasErrorFor("name")).isTrue();
                    assertThat(e.hasErrorFor("phone")).isTrue();
                    assertThat(e.hasErrorFor("email")).isTrue();
                });
        assertThatThrownBy(() -> till1.createPayment(new PaymentDraft(asha, "12.345", PaymentMethod.CASH, null, null, Instant.now())))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasErrorFor("amount")).isTrue());
        assertThatThrownBy(() -> till1.createPayment(new PaymentDraft(asha, "0", PaymentMethod.CASH, null, null, Instant.now())))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasErrorFor("amount")).isTrue());
        assertThatThrownBy(() -> till1.updateCustomer(asha, ShopStoreVersions.ANY, new CustomerDraft("x".repeat(201), null, null, null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasErrorFor("name")).isTrue());
        assertThat(entries()).isZero();
    }

    @Test
    void aPaymentNeedsACustomerThatExistsInTheCopyOrTheJournal() {
        UUID nobody = UUID.randomUUID();
        assertThatThrownBy(() -> till1.createPayment(new PaymentDraft(nobody, "5.00", PaymentMethod.CASH, null, null, Instant.now())))
                .isInstanceOf(NotFoundException.class).hasMessageStartingWith("The customer of this payment no longer exists");
        Customer fresh = till1.createCustomer(new CustomerDraft("New on the backup", null, null, null, null));
        Payment p = till2.createPayment(new PaymentDraft(fresh.id(), "5.00", PaymentMethod.CASH, null, null, Instant.now()));
        assertThat(till1.getPayment(p.id())).isPresent();
        till1.deleteCustomer(fresh.id());
        assertThat(till2.getPayment(p.id())).as("a deleted customer's payments go with them").isEmpty();
        assertThatThrownBy(() -> till2.createPayment(new PaymentDraft(fresh.id(), "5.00", PaymentMethod.CASH, null, null, Instant.now())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> till2.listPayments(fresh.id())).isInstanceOf(NotFoundException.class);
        assertThat(entries()).isEqualTo(3);
    }

    @Test
    void twoConsolesEditingTheSameCustomerOnTheBackupConflictAsOnSupabase() {
        Customer asha = data.customers().get(0);
        Customer mine = till1.updateCustomer(asha.id(), asha.version(), new CustomerDraft(asha.name(), asha.phone(), "new@example.com",
                asha.address(), asha.notes()));
        assertThat(mine.version()).isEqualTo(asha.version() + 1);
        assertThatThrownBy(() -> till2.updateCustomer(asha.id(), asha.version(), new CustomerDraft(asha.name(), "+91 90000 00000",
                asha.email(), asha.address(), asha.notes())))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.<Customer>current().email()).isEqualTo("new@example.com"));
        Customer overwritten = till2.updateCustomer(asha.id(), ShopStoreVersions.ANY, new CustomerDraft(asha.name(), "+91 90000 00000",
                "new@example.com", asha.address(), asha.notes()));
        assertThat(overwritten.phone()).isEqualTo("+91 90000 00000");
        assertThat(till1.getCustomer(asha.id()).orElseThrow().phone()).isEqualTo("+91 90000 00000");
        assertThat(entries()).isEqualTo(2);
        assertThat(till1.updateCustomer(asha.id(), overwritten.version(), overwritten.toDraft()))
                .as("saving without a change journals nothing").isEqualTo(overwritten);
        assertThat(entries()).isEqualTo(2);
    }

    @Test
    void shopSettingsAndImportsStaySupabases() {
        assertThat(till1.isReadOnly()).isFalse();
        assertThat(till1.getShop()).isPresent();
        assertThatThrownBy(() -> till1.saveShop(data.shop().version(), data.shop().toDraft()))
                .isInstanceOf(ReadOnlyStoreException.class).hasMessage(JournaledBackupStore.SHOP_SETTINGS_WAIT);
        assertThatThrownBy(() -> till1.createCustomers(java.util.List.of(new CustomerDraft("A", null, null, null, null))))
                .isInstanceOf(ReadOnlyStoreException.class).hasMessage(JournaledBackupStore.IMPORT_WAITS);
        assertThat(entries()).isZero();
    }

    @Test
    void anEntryWrittenTwiceIsOneEntry() {
        JournalEntry e = JournalEntry.pending(UUID.randomUUID().toString(), shoptwin.store.copy.MirrorTable.CUSTOMERS,
                JournalEntry.Op.INSERT, UUID.randomUUID(), java.util.Map.of("name", "Once"), null, null,
                Instant.parse("2026-12-01T10:00:00Z"), "Meera", java.util.List.of(), null, null);
        journal.append(e);
        journal.append(e);
        assertThat(entries()).isEqualTo(1);
        assertThat(till1.searchCustomers(CustomerQuery.firstPage("Once", 10)).total()).isEqualTo(1);
    }

    @Test
    void withMongoDbAwayToo_nothingIsSaved_theMessageSaysSo_andTheSameSaveLaterSavesOnce() throws Exception {
        try (FlakyProxy proxy = FlakyProxy.toMongo(settings.uri());
             MongoClient viaProxy = MongoConnections.open(new MongoSettings(proxy.mongoUri(), settings.database()))) {
            JournaledBackupStore till = JournaledBackupStore.over(viaProxy, settings.database(), "backup", () -> "Meera",
                    Clock.systemUTC());
            CustomerDraft draft = new CustomerDraft("Walk-in", "+91 90000 12345", null, null, null);
            assertThat(till.searchCustomers(CustomerQuery.firstPage("", 5)).total()).isPositive();
            proxy.down(true);

            assertThatThrownBy(() -> till.createCustomer(draft)).isInstanceOf(StoreUnavailableException.class)
                    .hasMessage(JournaledBackupStore.MONGO_DOWN_TOO);
            assertThat(entries()).isZero();

            proxy.heal();
            Customer saved = till.createCustomer(draft);
            assertThat(entries()).isEqualTo(1);
            assertThat(till1.getCustomer(saved.id())).get().extracting(Customer::name).isEqualTo("Walk-in");
        }
    }

    /** ShopStore.ANY_VERSION, spelled for these tests. */
    private static final class ShopStoreVersions {
        static final long ANY = shoptwin.store.ShopStore.ANY_VERSION;
    }
}

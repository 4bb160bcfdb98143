package shoptwin.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import shoptwin.config.MongoSettings;
import shoptwin.domain.CustomerDraft;
import shoptwin.store.CustomerQuery;
import shoptwin.store.Dataset;
import shoptwin.store.ReadOnlyStoreException;
import shoptwin.store.ShopStore;
import shoptwin.store.mongo.CopyFixtures;
import shoptwin.store.mongo.MongoShopStore;
import shoptwin.testing.TestDatabases;

/**
 * Switching changes what the one store every screen holds reads. The 'primary' here is a second
 * MongoDB database holding one extra customer, so each side's answers are recognisable.
 */
class StoreSwitchTest {
    private final Dataset data = Dataset.standard();
    private MongoClient client;
    private MongoShopStore primary;
    private MongoShopStore backup;

    @BeforeEach
    void stores() {
        client = TestDatabases.mongoClient();
        MongoSettings p = TestDatabases.freshMongo();
        MongoSettings b = TestDatabases.freshMongo();
        CopyFixtures.insert(client.getDatabase(p.database()), data);
        client.getDatabase(p.database()).getCollection("customers").insertOne(CopyFixtures.document(
                new shoptwin.domain.Customer(java.util.UUID.randomUUID(), "Only In Primary", null, null, null, null,
                        1, Instant.now(), Instant.now())));
        CopyFixtures.insert(client.getDatabase(b.database()), data);
        primary = MongoShopStore.open(p);
        backup = MongoShopStore.open(b);
    }

    @AfterEach
    void close() {
        primary.close();
        backup.close();
        client.close();
    }

    private static long customers(ShopStore store) {
        return store.searchCustomers(CustomerQuery.firstPage("", 10)).total();
    }

    @Test
    void manualSwitchingChangesWhatTheStoreReadsAndTellsListeners() {
        List<String> events = new CopyOnWriteArrayList<>();
        Instant asOf = Instant.parse("2026-11-25T10:00:00Z");
        Failover failover = new Failover(primary, backup, null, () -> Optional.of(asOf), false);
        failover.addListener(new FailoverListener() {
            @Override
            public void modeChanged(StoreMode from, StoreMode to) {
                events.add(from + "->" + to);
            }
        });
        ShopStore store = failover.store();
        assertThat(customers(store)).isEqualTo(data.customers().size() + 1);

        failover.switchToBackup();
        assertThat(failover.mode()).isEqualTo(StoreMode.BACKUP_READ_ONLY);
        assertThat(customers(store)).isEqualTo(data.customers().size());
        assertThat(store.describe()).isEqualTo(backup.describe());
        assertThat(failover.backupAsOf()).contains(asOf);

        failover.switchBack();
        assertThat(customers(store)).isEqualTo(data.customers().size() + 1);
        assertThat(events).containsExactly("PRIMARY->BACKUP_READ_ONLY", "BACKUP_READ_ONLY->PRIMARY");
    }

    @Test
    void inBackupModeEditsAreRefused() {
        Failover failover = new Failover(primary, backup, null, Optional::empty, false);
        failover.switchToBackup();
        assertThat(failover.store().isReadOnly()).isTrue();
        assertThatThrownBy(() -> failover.store().createCustomer(new CustomerDraft("X", null, null, null, null)))
                .isInstanceOf(ReadOnlyStoreException.class);
    }

    @Test
    void autoFailoverSwitchesWhenSupabaseGoesDownAndBackWhenItReturns() {
        AtomicBoolean supabaseAnswers = new AtomicBoolean(true);
        List<String> events = new CopyOnWriteArrayList<>();
        try (ConnectionMonitor monitor = new ConnectionMonitor(() -> {
            if (!supabaseAnswers.get()) {
                throw new SQLTransientConnectionException("refused");
            }
        }, () -> { }, Duration.ofMillis(50), 2)) {
            Failover failover = new Failover(primary, backup, monitor, Optional::empty, true);
            failover.addListener(new FailoverListener() {
                @Override
                public void supabaseDown(ConnectionStatus status) {
                    events.add("down");
                }

                @Override
                public void supabaseBackUp(ConnectionStatus status) {
                    events.add("up");
                }
            });
            monitor.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> monitor.current().supabase().isUp());
            assertThat(failover.mode()).isEqualTo(StoreMode.PRIMARY);

            supabaseAnswers.set(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> failover.mode() == StoreMode.BACKUP_READ_ONLY);
            assertThat(customers(failover.store())).isEqualTo(data.customers().size());
            assertThat(failover.isSupabaseDown()).isTrue();

            supabaseAnswers.set(true);
            await().atMost(Duration.ofSeconds(5)).until(() -> failover.mode() == StoreMode.PRIMARY);
            assertThat(customers(failover.store())).isEqualTo(data.customers().size() + 1);
            assertThat(events).containsExactly("down", "up");
        }
    }

    @Test
    void withoutAutoFailoverSupabaseDownIsOnlyOffered() {
        AtomicBoolean supabaseAnswers = new AtomicBoolean(true);
        List<String> events = new CopyOnWriteArrayList<>();
        try (ConnectionMonitor monitor = new ConnectionMonitor(() -> {
            if (!supabaseAnswers.get()) {
                throw new SQLTransientConnectionException("refused");
            }
        }, () -> { }, Duration.ofMillis(50), 2)) {
            Failover failover = new Failover(primary, backup, monitor, Optional::empty, false);
            failover.addListener(new FailoverListener() {
                @Override
                public void supabaseDown(ConnectionStatus status) {
                    events.add("down");
                }

                @Override
                public void supabaseBackUp(ConnectionStatus status) {
                    events.add("up");
                }
            });
            monitor.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> monitor.current().supabase().isUp());
            supabaseAnswers.set(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("down"));
            assertThat(failover.mode()).isEqualTo(StoreMode.PRIMARY);

            // the user clicks 'Read from MongoDB backup'; later Supabase is back: offered, not forced
            failover.switchToBackup();
            supabaseAnswers.set(true);
            await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("up"));
            assertThat(failover.mode()).isEqualTo(StoreMode.BACKUP_READ_ONLY);
            failover.switchBack();
            assertThat(failover.mode()).isEqualTo(StoreMode.PRIMARY);
        }
    }

    @Test
    void aManualLookAtTheBackupIsNotUndoneByAutoFailover() {
        AtomicBoolean supabaseAnswers = new AtomicBoolean(true);
        try (ConnectionMonitor monitor = new ConnectionMonitor(() -> {
            if (!supabaseAnswers.get()) {
                throw new SQLTransientConnectionException("refused");
            }
        }, () -> { }, Duration.ofMillis(50), 1)) {
            Failover failover = new Failover(primary, backup, monitor, Optional::empty, true);
            monitor.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> monitor.current().supabase().isUp());
            failover.switchToBackup();
            supabaseAnswers.set(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> monitor.current().supabase().isDown());
            supabaseAnswers.set(true);
            await().atMost(Duration.ofSeconds(5)).until(() -> monitor.current().supabase().isUp());
            assertThat(failover.mode()).isEqualTo(StoreMode.BACKUP_READ_ONLY);
        }
    }

    @Test
    void autoFailoverDoesNotSwitchToABackupThatIsDownToo() {
        AtomicBoolean answers = new AtomicBoolean(true);
        SQLTransientConnectionException refused = new SQLTransientConnectionException("refused");
        try (ConnectionMonitor monitor = new ConnectionMonitor(() -> {
            if (!answers.get()) {
                throw refused;
            }
        }, () -> {
            throw refused;
        }, Duration.ofMillis(50), 1)) {
            Failover failover = new Failover(primary, backup, monitor, Optional::empty, true);
            AtomicBoolean told = new AtomicBoolean();
            failover.addListener(new FailoverListener() {
                @Override
                public void supabaseDown(ConnectionStatus status) {
                    told.set(true);
                }
            });
            monitor.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> monitor.current().mongo().isDown());
            answers.set(false);
            // listeners hear of it after the failover decided
            await().atMost(Duration.ofSeconds(5)).untilTrue(told);
            assertThat(failover.mode()).isEqualTo(StoreMode.PRIMARY);
        }
    }
}

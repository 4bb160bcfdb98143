package shoptwin.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.demo.DemoEnvironment;
import shoptwin.store.StoreUnavailableException;
import shoptwin.store.postgres.Database;

class ConnectionMonitorTest {
    @TempDir
    Path dir;

    @Test
    void aDatabaseIsDownAfterTheThresholdAndUpAgainAfterOneSuccess() {
        AtomicBoolean supabaseAnswers = new AtomicBoolean(true);
        AtomicInteger probes = new AtomicInteger();
        List<String> transitions = new CopyOnWriteArrayList<>();
        try (ConnectionMonitor monitor = new ConnectionMonitor(() -> {
            probes.incrementAndGet();
            if (!supabaseAnswers.get()) {
                throw new SQLTransientConnectionException("connection refused");
            }
        }, () -> { }, Duration.ofMillis(50), 3)) {
            monitor.addListener(new ConnectionListener() {
                @Override
                public void reachabilityChanged(MonitoredDatabase db, Reachability from, Reachability to, ConnectionStatus s) {
                    transitions.add(db + ":" + from + "->" + to + "@" + s.of(db).consecutiveFailures());
                }
            });
            monitor.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> monitor.current().supabase().isUp()
                    && monitor.current().mongo().isUp());
            assertThat(monitor.current().supabase().roundTrip()).isNotNull();

            supabaseAnswers.set(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> monitor.current().supabase().isDown());
            assertThat(monitor.current().supabase().consecutiveFailures()).isGreaterThanOrEqualTo(3);
            assertThat(monitor.current().supabase().lastError()).contains("connection refused");
            assertThat(monitor.current().mongo().isUp()).isTrue();
            assertThat(transitions).contains("SUPABASE:UP->DOWN@3");

            supabaseAnswers.set(true);
            await().atMost(Duration.ofSeconds(5)).until(() -> monitor.current().supabase().isUp());
            assertThat(monitor.current().supabase().consecutiveFailures()).isZero();
            assertThat(transitions).endsWith("SUPABASE:DOWN->UP@0");
        }
    }

    @Test
    void aFailedStoreCallCountsAtOnceAndTriggersAProbe() {
        AtomicBoolean answers = new AtomicBoolean(true);
        try (ConnectionMonitor monitor = new ConnectionMonitor(() -> {
            if (!answers.get()) {
                throw new SQLTransientConnectionException("timeout");
            }
        }, () -> { }, Duration.ofHours(1), 2)) {
            monitor.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> monitor.current().supabase().isUp());
            answers.set(false);
            // a conflict or a validation error says nothing about the connection
            monitor.reportFailure(new IllegalArgumentException("bad input"));
            assertThat(monitor.current().supabase().consecutiveFailures()).isZero();

            monitor.reportFailure(new StoreUnavailableException("Supabase cannot be reached", null));
            // the report counts one failure and the immediate probe a second: DOWN without waiting an hour
            await().atMost(Duration.ofSeconds(5)).until(() -> monitor.current().supabase().isDown());
        }
    }

    @Test
    void mongoUnreachableReadsAsOneLineNotTheDriversClusterDump() {
        String driver = "Timed out while waiting for a server that matches ReadPreferenceServerSelector{readPreference=primary}. "
                + "Client view of cluster state is {type=UNKNOWN, servers=[{address=127.0.0.1:41467, type=UNKNOWN, "
                + "state=CONNECTING, exception={com.mongodb.MongoSocketOpenException: Exception opening socket}, "
                + "caused by {java.net.ConnectException: Connection refused}}]";
        try (ConnectionMonitor monitor = new ConnectionMonitor(() -> { }, () -> {
            throw new com.mongodb.MongoTimeoutException(driver);
        }, Duration.ofMillis(50), 1)) {
            monitor.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> monitor.current().mongo().isDown());
            assertThat(monitor.current().mongo().lastError()).isEqualTo("cannot reach MongoDB at 127.0.0.1:41467 (Connection refused)");
        }
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheMonitor() {
        AtomicInteger calls = new AtomicInteger();
        try (ConnectionMonitor monitor = new ConnectionMonitor(() -> { }, () -> { }, Duration.ofMillis(20), 1)) {
            monitor.addListener(new ConnectionListener() {
                @Override
                public void statusChanged(ConnectionStatus status) {
                    calls.incrementAndGet();
                    throw new IllegalStateException("broken listener");
                }
            });
            monitor.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() > 10);
        }
    }

    @Test
    void realDatabasesStoppedAndStartedAreSeenDownAndUp() {
        try (DemoEnvironment demo = DemoEnvironment.start(dir, m -> { });
             Database db = new Database(demo.postgresSettings(), 2);
             MongoClient mongo = MongoClients.create(MongoClientSettings.builder()
                     .applyConnectionString(new ConnectionString(demo.mongoSettings().uri()))
                     .applyToClusterSettings(b -> b.serverSelectionTimeout(500, TimeUnit.MILLISECONDS))
                     .build());
             ConnectionMonitor monitor = new ConnectionMonitor(
                     ConnectionMonitor.postgresProbe(db.dataSource(), Duration.ofSeconds(1)),
                     ConnectionMonitor.mongoProbe(mongo), Duration.ofMillis(200), 2)) {
            monitor.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> monitor.current().supabase().isUp()
                    && monitor.current().mongo().isUp());

            demo.stopPostgres();
            await().atMost(Duration.ofSeconds(30)).until(() -> monitor.current().supabase().isDown());
            assertThat(monitor.current().mongo().isUp()).isTrue();
            demo.startPostgres();
            await().atMost(Duration.ofSeconds(30)).until(() -> monitor.current().supabase().isUp());

            demo.stopMongo();
            await().atMost(Duration.ofSeconds(30)).until(() -> monitor.current().mongo().isDown());
            assertThat(monitor.current().supabase().isUp()).isTrue();
            demo.startMongo();
            await().atMost(Duration.ofSeconds(30)).until(() -> monitor.current().mongo().isUp());
        }
    }
}

package shoptwin.mirror.journal;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;
import shoptwin.mirror.MirrorService;
import shoptwin.mirror.Verify;
import shoptwin.mirror.VerifyReport;
import shoptwin.store.journal.Journal;
import shoptwin.store.journal.JournalFormat;
import shoptwin.store.journal.JournaledBackupStore;
import shoptwin.store.mongo.MongoConnections;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.PostgresShopStore;
import shoptwin.testing.TestDatabases;

/**
 * A shop during an outage: a migrated (Supabase-shaped) PostgreSQL with its store, an empty copy, consoles
 * working on the backup (each its own store over its own client, as two desktops would be), the journal,
 * and mirrors on their own threads.
 */
final class OutageFixture implements AutoCloseable {
    final PostgresSettings pgSettings = TestDatabases.freshPostgres();
    final Database db = new Database(pgSettings);
    final MongoSettings mongoSettings = TestDatabases.freshMongo();
    final MongoClient client = MongoClients.create(mongoSettings.uri());
    final MongoDatabase mongo = client.getDatabase(mongoSettings.database());
    final PostgresShopStore supabase;
    final Journal journal = new Journal(MongoConnections.forJournal(client, mongoSettings.database()));
    private final List<MongoClient> clients = new ArrayList<>();
    private final List<MirrorService> mirrors = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    OutageFixture() {
        db.migrate();
        supabase = new PostgresShopStore(db);
    }

    /** A console working on the backup, as {@code who}. */
    JournaledBackupStore console(String who) {
        MongoClient c = MongoConnections.open(mongoSettings);
        clients.add(c);
        return JournaledBackupStore.over(c, mongoSettings.database(), "MongoDB backup (test)", () -> who, Clock.systemUTC());
    }

    MirrorService.Builder mirrorBuilder() {
        return MirrorService.builder().database(db).mongoClient(client, mongoSettings.database())
                .pollInterval(Duration.ofMillis(200)).standbyRetry(Duration.ofMillis(300))
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).journalReplayEvery(Duration.ofMillis(300));
    }

    /** Drains the change log into the copy (the copy is as of now), then stops that mirror. */
    void mirrorOnce() {
        try (MirrorService m = mirrorBuilder().build()) {
            if (!m.runUntilDrained(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the mirror did not drain");
            }
        }
    }

    MirrorService startMirror() {
        MirrorService m = mirrorBuilder().build();
        Thread t = new Thread(m, "outage-mirror-" + mirrors.size());
        t.setDaemon(true);
        mirrors.add(m);
        threads.add(t);
        t.start();
        return m;
    }

    JournalReplay replay() {
        return new JournalReplay(db, journal, Clock.systemUTC(), s -> s);
    }

    JournalReplay replay(int chunk) {
        return new JournalReplay(db, journal, Clock.systemUTC(), s -> s, chunk);
    }

    JournalResolver resolver() {
        return new JournalResolver(db, journal, Clock.systemUTC(), s -> s);
    }

    MongoCollection<Document> journalCollection() {
        return mongo.getCollection(JournalFormat.COLLECTION);
    }

    long backlog() {
        return count("select count(*) from shoptwin.change_log");
    }

    long count(String sql) {
        try (var c = db.dataSource().getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String one(String sql) {
        try (var c = db.dataSource().getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void sql(String... statements) {
        try (var c = db.dataSource().getConnection(); var s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    VerifyReport verify() {
        try {
            return new Verify(db, MongoConnections.forMirror(client, mongoSettings.database())).run();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        mirrors.forEach(MirrorService::close);
        for (Thread t : threads) {
            t.join(10_000);
        }
        clients.forEach(MongoClient::close);
        client.close();
        db.close();
    }
}

package shoptwin.mirror;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;
import shoptwin.store.postgres.Database;
import shoptwin.testing.TestDatabases;

/** A migrated PostgreSQL, an empty MongoDB database, and mirrors running on their own threads. */
final class MirrorFixture implements AutoCloseable {
    final PostgresSettings pgSettings;
    final Database db;
    MongoSettings mongoSettings;
    final MongoClient client;
    final MongoDatabase mongo;
    private final List<MirrorService> services = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    final List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();

    MirrorFixture() {
        this(TestDatabases.freshMongo());
    }

    MirrorFixture(MongoSettings mongoSettings) {
        this.pgSettings = TestDatabases.freshPostgres();
        this.db = new Database(pgSettings);
        db.migrate();
        this.mongoSettings = mongoSettings;
        this.client = MongoClients.create(mongoSettings.uri());
        this.mongo = client.getDatabase(mongoSettings.database());
    }

    MirrorBuilder builder() {
        return new MirrorBuilder().database(db).mongo(mongoSettings)
                .pollInterval(java.time.Duration.ofMillis(300)).standbyRetry(java.time.Duration.ofMillis(300))
                .backoff(java.time.Duration.ofMillis(100), java.time.Duration.ofSeconds(1));
    }

    MirrorService start() {
        return start(builder());
    }

    MirrorService start(MirrorService.Builder builder) {
        MirrorService service = builder.build();
        Thread t = new Thread(service, "mirror-test-" + services.size());
        t.setDaemon(true);
        // a simulated crash ends the mirror thread, as a killed console would; anything else is a failure
        t.setUncaughtExceptionHandler((thread, e) -> {
            if (!(e instanceof MirrorFaultTest.SimulatedCrash)) {
                uncaught.add(e);
            }
        });
        services.add(service);
        threads.add(t);
        t.start();
        return service;
    }

    void sql(String... statements) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void tx(SqlConsumer work) {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            work.accept(c);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    interface SqlConsumer {
        void accept(Connection c) throws SQLException;
    }

    long count(String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long backlog() {
        return count("select count(*) from shoptwin.change_log");
    }

    VerifyReport verify() {
        try {
            return new Verify(db, client.getDatabase(mongoSettings.database())).run();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void insertCustomers(Connection c, int n, String prefix) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into public.customers(name, email) values (?, ?)")) {
            for (int i = 0; i < n; i++) {
                ps.setString(1, prefix + " " + i);
                ps.setString(2, prefix.toLowerCase().replace(' ', '.') + i + "@example.com");
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    void each(Consumer<MirrorService> action) {
        services.forEach(action);
    }

    @Override
    public void close() throws Exception {
        services.forEach(MirrorService::close);
        for (Thread t : threads) {
            t.join(10_000);
        }
        client.close();
        db.close();
        if (!uncaught.isEmpty()) {
            throw new AssertionError("a mirror thread failed", uncaught.get(0));
        }
    }
}

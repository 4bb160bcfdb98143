package shoptwin.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;

/**
 * Database servers a test owns and may stop and start at will: same port, same data, every time.
 * (The shared servers in {@link TestDatabases} must never be stopped.)
 */
public final class RestartableServers {
    private RestartableServers() {
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A MongoDB-wire server whose documents live in an H2 file, so they survive a stop. */
    public static final class Mongo implements AutoCloseable {
        private final Path file;
        private final int port;
        private MongoServer server;
        private int starts;

        public Mongo(Path dir) {
            this(dir, freePort());
        }

        public Mongo(Path dir, int port) {
            this.file = dir.resolve("mongo.mv.db");
            this.port = port;
        }

        public synchronized Mongo start() {
            if (server == null) {
                MongoServer s = new MongoServer(new H2Backend(file.toString()));
                s.bind("127.0.0.1", port);
                server = s;
                starts++;
            }
            return this;
        }

        /** Stops like a server going away: open connections are dropped, data is flushed to the file. */
        public synchronized void stop() {
            if (server != null) {
                server.shutdownNow();
                server = null;
            }
        }

        public synchronized boolean isRunning() {
            return server != null;
        }

        public int port() {
            return port;
        }

        public int starts() {
            return starts;
        }

        /** Short timeouts, so that a stopped server shows up as an error within seconds. */
        public String uri() {
            return "mongodb://127.0.0.1:" + port + "/?connectTimeoutMS=2000&socketTimeoutMS=10000"
                    + "&serverSelectionTimeoutMS=3000&heartbeatFrequencyMS=500";
        }

        public MongoSettings settings(String database) {
            return new MongoSettings(uri(), database);
        }

        @Override
        public void close() {
            stop();
        }
    }

    /** An embedded PostgreSQL 17 on a fixed port and data directory, kept across restarts. */
    public static final class Postgres implements AutoCloseable {
        private final Path dataDir;
        private final int port;
        private EmbeddedPostgres pg;
        private int starts;

        public Postgres(Path dir) {
            this(dir, freePort());
        }

        public Postgres(Path dir, int port) {
            this.dataDir = dir.resolve("pgdata");
            this.port = port;
        }

        public synchronized Postgres start() {
            if (pg == null) {
                try {
                    Files.createDirectories(dataDir);
                    pg = EmbeddedPostgres.builder()
                            .setDataDirectory(dataDir)
                            .setCleanDataDirectory(false)
                            .setPort(port)
                            .setPGStartupWait(Duration.ofSeconds(30))
                            .setServerConfig("max_connections", "100")
                            .start();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start PostgreSQL on port " + port, e);
                }
                starts++;
            }
            return this;
        }

        public synchronized void stop() {
            if (pg != null) {
                try {
                    pg.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot stop PostgreSQL", e);
                } finally {
                    pg = null;
                }
            }
        }

        public synchronized boolean isRunning() {
            return pg != null;
        }

        public int port() {
            return port;
        }

        public int starts() {
            return starts;
        }

        public java.nio.file.Path dataDir() {
            return dataDir;
        }

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        }

        public PostgresSettings settings(String database) {
            return new PostgresSettings(jdbcUrl(database), "postgres", null);
        }

        @Override
        public void close() {
            stop();
        }
    }
}

package shoptwin.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.config.InvalidSettingException;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;
import shoptwin.config.Settings;
import shoptwin.config.SupabaseUrl;
import shoptwin.store.mongo.MongoConnections;
import shoptwin.store.mongo.MongoShopStore;
import shoptwin.store.postgres.Database;
import shoptwin.testing.TestCertificates;
import shoptwin.testing.TestDatabases;

/**
 * TLS settings reach the drivers: sslmode/sslrootcert in SUPABASE_DB_URL, tls/tlsCAFile and
 * mongodb+srv:// in MONGODB_URI. Proven against a PostgreSQL and a MongoDB-wire server that really
 * speak TLS with a certificate of our own.
 */
class TlsSettingsTest {
    @TempDir
    static Path certs;
    private static TestCertificates server;
    private static TestCertificates stranger;

    @org.junit.jupiter.api.BeforeAll
    static void makeCertificates() {
        server = TestCertificates.create(certs, "server");
        stranger = TestCertificates.create(certs, "stranger");
    }

    @Test
    void supabaseVerifyFullWithItsCaCertificateIsPassedToTheDriver() {
        SupabaseUrl.Parsed parsed = SupabaseUrl.parse("postgresql://postgres.abcdefghijklmnop:pw@aws-0-eu-central-1.pooler.supabase.com:5432/"
                + "postgres?sslmode=verify-full&sslrootcert=/home/shop/prod-ca-2021.crt");
        PostgresSettings s = parsed.settings();
        assertThat(s.properties()).containsEntry("sslmode", "verify-full")
                .containsEntry("sslrootcert", "/home/shop/prod-ca-2021.crt");
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://aws-0-eu-central-1.pooler.supabase.com:5432/postgres");
        assertThat(s.user()).isEqualTo("postgres.abcdefghijklmnop");
    }

    @Test
    void sslmodeReachesThePoolAndTheMirrorsSessionConnection() {
        // the shared test server has no TLS: sslmode=require must therefore fail, proving it was applied
        PostgresSettings plain = TestDatabases.freshPostgres();
        PostgresSettings require = new PostgresSettings(plain.jdbcUrl(), plain.user(), plain.password(), Map.of("sslmode", "require"));
        try (Database db = new Database(require, 1, Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> {
                try (Connection c = db.dataSource().getConnection()) {
                    c.isValid(1);
                }
            }).hasStackTraceContaining("SSL");
            assertThatThrownBy(db::openSessionConnection).hasStackTraceContaining("SSL");
        }
    }

    @Test
    void postgresOverTlsWithVerifyFullConnectsOnlyWithTheRightCa() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", server.certificatePem().toString())
                .setServerConfig("ssl_key_file", server.privateKeyPem().toString())
                .start()) {
            String url = "postgresql://postgres@localhost:" + pg.getPort() + "/postgres?sslmode=verify-full&sslrootcert=";
            try (Database db = new Database(SupabaseUrl.parse(url + server.certificatePem()).settings(), 1, Duration.ofSeconds(5));
                 Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select ssl, version from pg_stat_ssl where pid = pg_backend_pid()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).as("the connection is encrypted").isTrue();
                assertThat(rs.getString(2)).startsWith("TLS");
            }
            try (Database db = new Database(SupabaseUrl.parse(url + server.certificatePem()).settings(), 1, Duration.ofSeconds(5));
                 Connection session = db.openSessionConnection(); Statement s = session.createStatement();
                 ResultSet rs = s.executeQuery("select ssl from pg_stat_ssl where pid = pg_backend_pid()")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("the mirror's LISTEN connection is encrypted too").isTrue();
            }
            try (Database db = new Database(SupabaseUrl.parse(url + stranger.certificatePem()).settings(), 1, Duration.ofSeconds(1))) {
                assertThatThrownBy(() -> {
                    try (Connection c = db.dataSource().getConnection()) {
                        c.isValid(1);
                    }
                }).as("a server whose certificate the CA file does not vouch for is refused")
                        .isInstanceOf(SQLException.class);
            }
        }
    }

    @Test
    void atlasSrvUrisAreAcceptedWithTlsOnAndTheDatabaseFromThePath(@TempDir Path dir) {
        Settings s = Settings.load(Map.of("MONGODB_URI",
                "mongodb+srv://shop:pw@cluster0.abcde.mongodb.net/shop-management?retryWrites=true&w=majority&appName=ShopTwin"),
                dir, dir);
        MongoSettings mongo = s.mongo().orElseThrow();
        assertThat(mongo.database()).isEqualTo("shop-management");
        assertThat(new ConnectionString(mongo.uri()).getSslEnabled()).as("mongodb+srv means TLS").isTrue();
        assertThat(mongo.toString()).doesNotContain(":pw@");
    }

    @Test
    void badTlsOptionsAreRefusedNamingTheSetting(@TempDir Path dir) {
        assertThatThrownBy(() -> Settings.load(Map.of("MONGODB_URI", "mongodb://h:27017/shop?tls=maybe"), dir, dir))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("MONGODB_URI").hasMessageContaining("tls=true");
        assertThatThrownBy(() -> Settings.load(Map.of("MONGODB_URI", "mongodb://h:27017/shop?tls=true&tlsCAFile=/nowhere/ca.pem"), dir, dir))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("MONGODB_URI").hasMessageContaining("tlsCAFile");
    }

    @Test
    void mongoOverTlsWithTlsCaFileConnectsOnlyWithTheRightCa(@TempDir Path dir) {
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.enableSsl(server.privateKey(), null, server.certificate());
        int port = mongo.bind().getPort();
        try {
            String base = "mongodb://localhost:" + port + "/shop?serverSelectionTimeoutMS=1000&tls=true";
            Settings ok = Settings.load(Map.of("MONGODB_URI", base + "&tlsCAFile=" + server.certificatePem()), dir, dir);
            try (MongoClient client = MongoConnections.open(ok.mongo().orElseThrow())) {
                client.getDatabase("shop").getCollection("tls").insertOne(new Document("_id", "encrypted"));
                assertThat(client.getDatabase("shop").getCollection("tls").countDocuments()).isEqualTo(1);
            }
            try (MongoShopStore store = MongoShopStore.open(ok.mongo().orElseThrow())) {
                assertThat(store.getShop()).isEmpty();
            }
            Settings wrongCa = Settings.load(Map.of("MONGODB_URI", base + "&tlsCAFile=" + stranger.certificatePem()), dir, dir);
            try (MongoClient client = MongoConnections.open(wrongCa.mongo().orElseThrow())) {
                assertThatThrownBy(() -> client.getDatabase("shop").getCollection("tls").countDocuments())
                        .isInstanceOf(MongoException.class);
            }
            try (MongoClient client = MongoConnections.open(new MongoSettings(base, "shop"))) {
                assertThatThrownBy(() -> client.getDatabase("shop").getCollection("tls").countDocuments())
                        .as("without tlsCAFile the JVM's CAs do not know our certificate").isInstanceOf(MongoException.class);
            }
        } finally {
            mongo.shutdownNow();
        }
    }
}

package shoptwin.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import shoptwin.config.PostgresSettings;
import shoptwin.testing.TestDatabases;

class ConnectionCheckTest {
    @Test
    void aReachablePostgresSaysConnected() {
        PostgresSettings pg = TestDatabases.freshPostgres();
        String url = pg.jdbcUrl().replace("jdbc:postgresql://", "postgresql://" + pg.user() + "@");
        ConnectionCheck.Result r = ConnectionCheck.supabase(url, "");
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.message()).startsWith("Connected to PostgreSQL").contains("not set up yet");
    }

    @Test
    void anUnreachablePostgresSaysSoWithoutThePassword() {
        ConnectionCheck.Result r = ConnectionCheck.supabase("postgresql://postgres:Hunter2Secret@127.0.0.1:1/postgres", "");
        assertThat(r.ok()).isFalse();
        assertThat(r.message()).isNotBlank().doesNotContain("Hunter2Secret");
    }

    @Test
    void aBadUrlNamesTheProblem() {
        ConnectionCheck.Result r = ConnectionCheck.supabase("http://nope", "");
        assertThat(r.ok()).isFalse();
        assertThat(r.message()).contains("postgresql://");
    }

    @Test
    void aReachableMongoSaysConnected() {
        ConnectionCheck.Result r = ConnectionCheck.mongo(TestDatabases.mongoUri(), "shop_copy");
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.message()).contains("'shop_copy'");
    }

    @Test
    void anUnreachableMongoSaysSoWithoutThePassword() {
        ConnectionCheck.Result r = ConnectionCheck.mongo("mongodb://u:M0ngoSecret@127.0.0.1:1", "x");
        assertThat(r.ok()).isFalse();
        assertThat(r.message()).contains("No answer from MongoDB").doesNotContain("M0ngoSecret");
    }
}

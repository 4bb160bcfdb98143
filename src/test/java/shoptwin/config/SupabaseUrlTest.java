package shoptwin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SupabaseUrlTest {

    @Test
    void dashboardDirectConnectionStringBecomesCredentialFreeJdbcUrl() {
        SupabaseUrl.Parsed p = SupabaseUrl.parse(
                "postgresql://postgres:Sup3r-Secret@db.abcdefgh.supabase.co:5432/postgres?sslmode=require");
        assertThat(p.settings().jdbcUrl()).isEqualTo("jdbc:postgresql://db.abcdefgh.supabase.co:5432/postgres");
        assertThat(p.settings().user()).isEqualTo("postgres");
        assertThat(p.settings().password()).isEqualTo("Sup3r-Secret");
        assertThat(p.settings().properties()).containsEntry("sslmode", "require").doesNotContainKey("password");
        assertThat(p.host()).isEqualTo("db.abcdefgh.supabase.co");
        assertThat(p.port()).isEqualTo(5432);
        assertThat(p.database()).isEqualTo("postgres");
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void sessionPoolerUserWithDotAndEncodedPasswordAreDecoded() {
        SupabaseUrl.Parsed p = SupabaseUrl.parse(
                "postgresql://postgres.abcdefgh:p%40ss%3Aw%2Frd+x@aws-0-eu-central-1.pooler.supabase.com:5432/postgres");
        assertThat(p.settings().user()).isEqualTo("postgres.abcdefgh");
        assertThat(p.settings().password()).isEqualTo("p@ss:w/rd+x");
        assertThat(p.settings().jdbcUrl()).isEqualTo("jdbc:postgresql://aws-0-eu-central-1.pooler.supabase.com:5432/postgres");
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void unencodedAtSignInPasswordIsTolerated() {
        SupabaseUrl.Parsed p = SupabaseUrl.parse("postgres://postgres:a@b@localhost/shop");
        assertThat(p.settings().password()).isEqualTo("a@b");
        assertThat(p.settings().jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/shop");
    }

    @Test
    void jdbcFormWithCredentialsInQueryKeepsThemOutOfTheUrl() {
        SupabaseUrl.Parsed p = SupabaseUrl.parse(
                "jdbc:postgresql://db.abcdefgh.supabase.co:5432/postgres?user=postgres&password=pa%26ss&sslmode=verify-full&connectTimeout=7");
        assertThat(p.settings().jdbcUrl()).isEqualTo("jdbc:postgresql://db.abcdefgh.supabase.co:5432/postgres");
        assertThat(p.settings().user()).isEqualTo("postgres");
        assertThat(p.settings().password()).isEqualTo("pa&ss");
        assertThat(p.settings().properties())
                .containsEntry("sslmode", "verify-full")
                .containsEntry("connectTimeout", "7")
                .doesNotContainKeys("user", "password");
    }

    @Test
    void transactionPoolerPortGetsPrepareThresholdZeroAndAWarning() {
        SupabaseUrl.Parsed p = SupabaseUrl.parse(
                "postgresql://postgres.abcdefgh:pw123456@aws-0-eu-central-1.pooler.supabase.com:6543/postgres");
        assertThat(p.settings().properties()).containsEntry("prepareThreshold", "0");
        assertThat(p.warnings()).singleElement().asString()
                .contains("6543", "LISTEN/NOTIFY", "advisory locks", "session pooler");
    }

    @Test
    void ipv6HostAndDefaultsWork() {
        SupabaseUrl.Parsed p = SupabaseUrl.parse("postgresql://[::1]:6000");
        assertThat(p.settings().jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:6000/postgres");
        assertThat(p.settings().user()).isNull();
        assertThat(p.settings().password()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "mysql://root:Hunter2Secret@host/db",
        "postgresql://postgres:Hunter2Secret@db.x.supabase.co:notaport/postgres",
        "postgresql://postgres:Hunter2Secret@db.x.supabase.co:99999/postgres",
        "postgresql://postgres:Hunter2Secret@/postgres",
        "postgresql://postgres:Hunter2Secret@bad host/postgres",
        "postgresql://postgres:Hunter2Secret@h1:5432,h2:5432/postgres",
        "db.x.supabase.co:5432 password=Hunter2Secret",
    })
    void malformedUrlIsRefusedNamingTheSettingWithoutThePassword(String url) {
        assertThatThrownBy(() -> SupabaseUrl.parse(url))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("SUPABASE_DB_URL")
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain("Hunter2Secret");
                    assertThat(e.toString()).doesNotContain("Hunter2Secret");
                    assertThat(((InvalidSettingException) e).setting()).isEqualTo("SUPABASE_DB_URL");
                });
    }

    @Test
    void placeholderPasswordIsRefusedWithAHint() {
        assertThatThrownBy(() -> SupabaseUrl.parse(
                "postgresql://postgres:[YOUR-PASSWORD]@db.abcdefgh.supabase.co:5432/postgres"))
                .hasMessageContaining("[YOUR-PASSWORD]");
    }

    @Test
    void separatePasswordFillsTheDashboardPlaceholderOrAMissingPassword() {
        assertThat(SupabaseUrl.parse("postgresql://postgres:[YOUR-PASSWORD]@db.abcdefgh.supabase.co:5432/postgres", "pw from field")
                .settings().password()).isEqualTo("pw from field");
        assertThat(SupabaseUrl.parse("postgresql://postgres@db.abcdefgh.supabase.co:5432/postgres", "pw2")
                .settings().password()).isEqualTo("pw2");
        assertThat(SupabaseUrl.parse("postgresql://postgres:inurl@db.abcdefgh.supabase.co:5432/postgres", "pw3")
                .settings().password()).isEqualTo("inurl");
    }

    @Test
    void toStringAndDescribeNeverShowThePassword() {
        PostgresSettings s = SupabaseUrl.parse("postgresql://postgres:Hunter2Secret@db.abcdefgh.supabase.co:5432/postgres").settings();
        assertThat(s.toString()).doesNotContain("Hunter2Secret");
        assertThat(s.describe()).isEqualTo("db.abcdefgh.supabase.co:5432/postgres");
        assertThat(SupabaseUrl.hostOf(s.jdbcUrl())).isEqualTo("db.abcdefgh.supabase.co");
        assertThat(SupabaseUrl.isSupabaseHost("db.abcdefgh.supabase.co")).isTrue();
        assertThat(SupabaseUrl.isSupabaseHost("localhost")).isFalse();
    }
}

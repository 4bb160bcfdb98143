package shoptwin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path work;
    @TempDir
    Path config;

    private static final String FILE_URL = "postgresql://postgres:FromFileSecret@file.example.com:5432/postgres";
    private static final String DOTENV_URL = "postgresql://postgres:FromDotEnvSecret@dotenv.example.com:5432/postgres";
    private static final String LOCAL_URL = "postgresql://postgres:FromLocalSecret@local.example.com:5432/postgres";
    private static final String ENV_URL = "postgresql://postgres:FromEnvSecret@env.example.com:5432/postgres";

    private String host(Settings s) {
        return SupabaseUrl.hostOf(s.postgres().orElseThrow().jdbcUrl());
    }

    @Test
    void nothingConfiguredGivesEmptySettingsAndDefaults() {
        Settings s = Settings.load(Map.of(), work, config);
        assertThat(s.postgres()).isEmpty();
        assertThat(s.mongo()).isEmpty();
        assertThat(s.theme()).isEqualTo(Theme.LIGHT);
        assertThat(s.failover()).isEqualTo(new FailoverSettings(5, 3, false));
        assertThat(s.lagWarning()).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void theLagWarningIsASettingInMinutesAndABadOneFallsBackSayingSo() {
        assertThat(Settings.load(Map.of("SHOPTWIN_LAG_WARNING_MINUTES", "30"), work, config).lagWarning())
                .isEqualTo(java.time.Duration.ofMinutes(30));
        Settings bad = Settings.load(Map.of("SHOPTWIN_LAG_WARNING_MINUTES", "soon"), work, config);
        assertThat(bad.lagWarning()).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(bad.warnings()).containsExactly("SHOPTWIN_LAG_WARNING_MINUTES must be a whole number from 1 to 10080; using 5.");
    }

    @Test
    void precedenceIsFileThenDotEnvThenDotEnvLocalThenEnvironment() throws Exception {
        new SettingsFile(config).write(Map.of("SUPABASE_DB_URL", FILE_URL, "SHOPTWIN_THEME", "dark"));
        assertThat(host(Settings.load(Map.of(), work, config))).isEqualTo("file.example.com");

        Files.writeString(work.resolve(".env"), "SUPABASE_DB_URL=" + DOTENV_URL + "\nMONGODB_URI=mongodb://localhost:27017/fromdotenv\n");
        Settings dotenv = Settings.load(Map.of(), work, config);
        assertThat(host(dotenv)).isEqualTo("dotenv.example.com");
        assertThat(dotenv.theme()).isEqualTo(Theme.DARK); // still from the file
        assertThat(dotenv.mongo().orElseThrow().database()).isEqualTo("fromdotenv");

        Files.writeString(work.resolve(".env.local"), "export SUPABASE_DB_URL=\"" + LOCAL_URL + "\"\n");
        assertThat(host(Settings.load(Map.of(), work, config))).isEqualTo("local.example.com");

        Settings env = Settings.load(Map.of("SUPABASE_DB_URL", ENV_URL, "MONGODB_DATABASE", "shop"), work, config);
        assertThat(host(env)).isEqualTo("env.example.com");
        assertThat(env.mongo().orElseThrow().database()).isEqualTo("shop");
    }

    @Test
    void passwordMayBeKeptApartFromTheUrl() throws Exception {
        new SettingsFile(config).write(Map.of("SUPABASE_DB_URL", "postgresql://postgres.ref:[YOUR-PASSWORD]@aws-0-eu-central-1.pooler.supabase.com:5432/postgres",
                "SUPABASE_DB_PASSWORD", "Apart S3cret "));
        Settings s = Settings.load(Map.of(), work, config);
        assertThat(s.postgres().orElseThrow().password()).isEqualTo("Apart S3cret ");
        assertThat(s.toString()).doesNotContain("Apart S3cret");
    }

    @Test
    void blankEnvironmentValueDoesNotHideAFileValue() throws Exception {
        Files.writeString(work.resolve(".env"), "SUPABASE_DB_URL=" + DOTENV_URL + "\n");
        assertThat(host(Settings.load(Map.of("SUPABASE_DB_URL", "  "), work, config))).isEqualTo("dotenv.example.com");
    }

    @Test
    void mongoDatabaseDefaultsToTheUriPathElseShopManagement() {
        assertThat(Settings.load(Map.of("MONGODB_URI", "mongodb://u:p4ssword@h:27017/mydb?authSource=admin"), work, config)
                .mongo().orElseThrow().database()).isEqualTo("mydb");
        assertThat(Settings.load(Map.of("MONGODB_URI", "mongodb+srv://u:p4ssword@cluster0.x.mongodb.net/?retryWrites=true"), work, config)
                .mongo().orElseThrow().database()).isEqualTo("shop-management");
        assertThat(Settings.load(Map.of("MONGODB_URI", "mongodb://localhost"), work, config)
                .mongo().orElseThrow().database()).isEqualTo("shop-management");
    }

    @Test
    void badMongoUriIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> Settings.load(Map.of("MONGODB_URI", "http://u:MongoSecret1@h"), work, config))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("MONGODB_URI")
                .hasMessageNotContaining("MongoSecret1");
    }

    @Test
    void uiAndFailoverSettingsAreReadWithDefaultsAndWarningsForNonsense() {
        Settings s = Settings.load(Map.of("SHOPTWIN_THEME", "Dark", "SHOPTWIN_PROBE_INTERVAL_SECONDS", "10",
                "SHOPTWIN_FAILURE_THRESHOLD", "5", "SHOPTWIN_AUTO_FAILOVER", "yes"), work, config);
        assertThat(s.theme()).isEqualTo(Theme.DARK);
        assertThat(s.failover()).isEqualTo(new FailoverSettings(10, 5, true));

        Settings bad = Settings.load(Map.of("SHOPTWIN_THEME", "purple", "SHOPTWIN_PROBE_INTERVAL_SECONDS", "0",
                "SHOPTWIN_FAILURE_THRESHOLD", "x", "SHOPTWIN_AUTO_FAILOVER", "maybe"), work, config);
        assertThat(bad.theme()).isEqualTo(Theme.LIGHT);
        assertThat(bad.failover()).isEqualTo(FailoverSettings.defaults());
        assertThat(bad.warnings()).hasSize(4);
    }

    @Test
    void transactionPoolerWarningReachesTheSettings() {
        Settings s = Settings.load(Map.of("SUPABASE_DB_URL",
                "postgresql://postgres.ref:pw123456@aws-0-eu-central-1.pooler.supabase.com:6543/postgres"), work, config);
        assertThat(s.warnings()).anyMatch(w -> w.contains("6543"));
        assertThat(s.postgres().orElseThrow().properties()).containsEntry("prepareThreshold", "0");
    }

    @Test
    void settingsFileIsOwnerOnlyAndRoundTrips() throws Exception {
        Path dir = config.resolve("nested/shoptwin");
        SettingsFile file = new SettingsFile(dir);
        file.write(Map.of("SUPABASE_DB_URL", FILE_URL));
        file.update(Map.of("SHOPTWIN_THEME", "dark"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(file.read()).containsEntry("SUPABASE_DB_URL", FILE_URL).containsEntry("SHOPTWIN_THEME", "dark");
        try (var listing = Files.list(dir)) {
            assertThat(listing).extracting(p -> p.getFileName().toString()).containsExactly("settings.json");
        }
        Map<String, String> removed = new java.util.HashMap<>();
        removed.put("SHOPTWIN_THEME", null);
        file.update(removed);
        assertThat(file.read()).doesNotContainKey("SHOPTWIN_THEME");
    }

    @Test
    void brokenSettingsFileIsReportedWithoutQuotingIt() throws Exception {
        Files.writeString(config.resolve("settings.json"), "{\"SUPABASE_DB_URL\": \"postgresql://postgres:BrokenSecret1@h/db\",,");
        assertThatThrownBy(() -> Settings.load(Map.of(), work, config))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("settings.json")
                .hasMessageNotContaining("BrokenSecret1");
    }

    @Test
    void configDirDefaultsFollowOverrideThenXdg() {
        assertThat(SettingsFile.defaultDir(Map.of("SHOPTWIN_CONFIG_DIR", "/tmp/x"))).isEqualTo(Path.of("/tmp/x"));
        assertThat(SettingsFile.defaultDir(Map.of("XDG_CONFIG_HOME", "/tmp/xdg"))).isEqualTo(Path.of("/tmp/xdg/shoptwin"));
        assertThat(SettingsFile.defaultDir(Map.of())).isEqualTo(Path.of(System.getProperty("user.home"), ".config", "shoptwin"));
    }

    @Test
    void toStringMasksEveryPassword() {
        Settings s = Settings.load(Map.of("SUPABASE_DB_URL", ENV_URL,
                "MONGODB_URI", "mongodb://admin:MongoSecret1@mongo.example.com:27017/shop"), work, config);
        assertThat(s.toString()).doesNotContain("FromEnvSecret").doesNotContain("MongoSecret1")
                .contains("env.example.com").contains("mongo.example.com");
    }

    @Test
    void dotEnvParsingHandlesQuotesCommentsAndExport() {
        Map<String, String> v = DotEnv.parse("""
                # comment
                export A=1
                B = "two words" # trailing
                C='single # not a comment'
                D=plain # comment
                E="line\\nbreak"
                not a line
                """);
        assertThat(v).containsEntry("A", "1").containsEntry("B", "two words")
                .containsEntry("C", "single # not a comment").containsEntry("D", "plain")
                .containsEntry("E", "line\nbreak").hasSize(5);
    }
}

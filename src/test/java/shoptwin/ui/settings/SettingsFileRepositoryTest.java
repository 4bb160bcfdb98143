package shoptwin.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.config.SettingsFile;

class SettingsFileRepositoryTest {
    @Test
    void savesToTheOwnerOnlySettingsFileAndReadsItBack(@TempDir Path dir) throws Exception {
        SettingsFileRepository repo = new SettingsFileRepository(new SettingsFile(dir.resolve("cfg")));
        repo.save(new ConnectionSettings("postgresql://postgres@db.abc.supabase.co:5432/postgres", "p@ss word",
                "mongodb://127.0.0.1:27017", "shop"));
        ConnectionSettings back = repo.load();
        assertThat(back.supabaseUrl()).isEqualTo("postgresql://postgres:p%40ss%20word@db.abc.supabase.co:5432/postgres");
        assertThat(back.mongoDatabase()).isEqualTo("shop");
        Path file = dir.resolve("cfg").resolve(SettingsFile.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void anEmptySupabaseUrlRemovesItSoTheConsoleUsesTheDemo(@TempDir Path dir) {
        SettingsFileRepository repo = new SettingsFileRepository(new SettingsFile(dir));
        repo.save(new ConnectionSettings("postgresql://u:p@h/db", "", "", ""));
        repo.save(new ConnectionSettings("", "", "", ""));
        assertThat(repo.load().supabaseUrl()).isEmpty();
    }

    @Test
    void aTypedPasswordReplacesTheOneInTheUrl() {
        assertThat(SettingsFileRepository.withPassword("postgresql://postgres.abc:old@aws-0.pooler.supabase.com:5432/postgres", "new"))
                .isEqualTo("postgresql://postgres.abc:new@aws-0.pooler.supabase.com:5432/postgres");
        assertThat(SettingsFileRepository.withPassword("postgresql://db.abc.supabase.co/postgres", "pw"))
                .isEqualTo("postgresql://postgres:pw@db.abc.supabase.co/postgres");
        assertThat(SettingsFileRepository.withPassword("postgresql://u:keep@h/db", "")).isEqualTo("postgresql://u:keep@h/db");
    }
    @Test
    void theHistorySettingsAreSavedUnderTheirEnvironmentNamesAndTheConsoleReadsThem(@TempDir Path dir) {
        SettingsFileRepository repo = new SettingsFileRepository(new SettingsFile(dir));
        repo.save(new ConnectionSettings("", "", "", "", "Asha", "30"));
        assertThat(new SettingsFile(dir).read()).containsEntry("SHOPTWIN_STAFF_NAME", "Asha")
                .containsEntry("SHOPTWIN_HISTORY_DAYS", "30");
        ConnectionSettings back = repo.load();
        assertThat(back.staffName()).isEqualTo("Asha");
        assertThat(back.historyDays()).isEqualTo("30");
        shoptwin.config.Settings settings = shoptwin.config.Settings.load(java.util.Map.of(), dir.resolve("no-env"), dir);
        assertThat(settings.history().days()).isEqualTo(30);
        assertThat(settings.history().staffName()).contains("Asha");

        repo.save(new ConnectionSettings("", "", "", "")); // blank: the defaults again
        assertThat(new SettingsFile(dir).read()).doesNotContainKeys("SHOPTWIN_STAFF_NAME", "SHOPTWIN_HISTORY_DAYS");
    }
}

package shoptwin.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import shoptwin.ui.fakes.SameThreadUiExecutor;

class SettingsViewModelTest {
    private static final String URL = "postgresql://postgres.abcd:S3cretPass@aws-0-eu.pooler.supabase.com:6543/postgres";
    private final AtomicReference<ConnectionSettings> file = new AtomicReference<>(
            new ConnectionSettings(URL, "", "mongodb://shop:M0ngoPass@mongo.example.com:27017", "shoptwin"));
    private final SettingsRepository repository = new SettingsRepository() {
        @Override
        public ConnectionSettings load() {
            return file.get();
        }

        @Override
        public void save(ConnectionSettings s) {
            file.set(s);
        }
    };
    private final AtomicReference<String> testedWith = new AtomicReference<>();
    private final ConnectionTester tester = new ConnectionTester() {
        @Override
        public Result testSupabase(String url, String password) {
            testedWith.set(url);
            return Result.failed("password authentication failed for " + url);
        }

        @Override
        public Result testMongo(String uri, String database) {
            return Result.ok("Connected to MongoDB 7.0, database " + database + ".");
        }
    };
    private final SettingsViewModel vm = new SettingsViewModel(repository, tester, new SameThreadUiExecutor());

    @Test
    void savedPasswordsAreShownMaskedNeverInClear() {
        vm.load();
        assertThat(vm.supabaseUrlProperty().get())
                .isEqualTo("postgresql://postgres.abcd:****@aws-0-eu.pooler.supabase.com:6543/postgres");
        assertThat(vm.mongoUriProperty().get()).isEqualTo("mongodb://shop:****@mongo.example.com:27017");
        assertThat(vm.supabasePasswordProperty().get()).isEmpty();
        assertThat(vm.passwordSavedProperty().get()).isTrue();
    }

    @Test
    void savingWithoutTouchingTheMaskedUrlKeepsTheStoredPassword() {
        vm.load();
        vm.mongoDatabaseProperty().set("shop_copy");
        vm.save(() -> { });
        assertThat(file.get().supabaseUrl()).isEqualTo(URL);
        assertThat(file.get().mongoUri()).isEqualTo("mongodb://shop:M0ngoPass@mongo.example.com:27017");
        assertThat(file.get().mongoDatabase()).isEqualTo("shop_copy");
    }

    @Test
    void editingTheHostButLeavingTheMaskKeepsThePassword() {
        vm.load();
        vm.supabaseUrlProperty().set("postgresql://postgres.abcd:****@aws-0-us.pooler.supabase.com:6543/postgres");
        vm.save(() -> { });
        assertThat(file.get().supabaseUrl()).isEqualTo("postgresql://postgres.abcd:S3cretPass@aws-0-us.pooler.supabase.com:6543/postgres");
    }

    @Test
    void typingANewPasswordReplacesIt() {
        vm.load();
        vm.supabaseUrlProperty().set("postgresql://postgres.abcd:N3w@aws-0-eu.pooler.supabase.com:6543/postgres");
        vm.save(() -> { });
        assertThat(file.get().supabaseUrl()).contains(":N3w@");
    }

    @Test
    void aTestResultNeverRevealsThePassword() {
        vm.load();
        vm.testSupabase();
        assertThat(testedWith.get()).isEqualTo(URL); // the real password is used for the test...
        assertThat(vm.supabaseResultProperty().get()).doesNotContain("S3cretPass").contains("****"); // ...and never shown
        assertThat(vm.supabaseOkProperty().get()).isFalse();
        vm.testMongo();
        assertThat(vm.mongoOkProperty().get()).isTrue();
        assertThat(vm.mongoResultProperty().get()).isEqualTo("Connected to MongoDB 7.0, database shoptwin.");
    }

    @Test
    void aSeparatePasswordIsKeptUnlessANewOneIsTyped() {
        file.set(new ConnectionSettings("postgresql://postgres@db.abc.supabase.co:5432/postgres", "pw-123", "", ""));
        vm.load();
        assertThat(vm.passwordSavedProperty().get()).isTrue();
        vm.save(() -> { });
        assertThat(file.get().supabasePassword()).isEqualTo("pw-123");
        vm.supabasePasswordProperty().set("pw-456");
        vm.save(() -> { });
        assertThat(file.get().supabasePassword()).isEqualTo("pw-456");
        assertThat(file.get().toString()).doesNotContain("pw-456");
    }

    @Test
    void withoutASettingsFileTheDialogSaysSo() {
        SettingsViewModel none = new SettingsViewModel(null, null, new SameThreadUiExecutor());
        none.load();
        assertThat(none.availableProperty().get()).isFalse();
        assertThat(none.errorProperty().get()).contains("not available");
        none.testMongo();
        assertThat(none.mongoResultProperty().get()).contains("not available");
    }

    @Test
    void theFieldsSuggestWhatTheReadmeRecommends() throws Exception {
        // the session pooler on 5432, never the transaction pooler on 6543; the copy's default database
        assertThat(SettingsViewModel.SUPABASE_URL_EXAMPLE).contains("pooler.supabase.com:5432/").doesNotContain("6543");
        assertThat(SettingsViewModel.MONGO_DATABASE_EXAMPLE).startsWith(shoptwin.config.MongoSettings.DEFAULT_DATABASE);
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        assertThat(readme).contains("pooler.supabase.com:5432/postgres").contains("Do **not** use the **transaction pooler (port 6543)**")
                .contains("else `shop-management`");
    }

    @Test
    void aTransactionPoolerUrlIsPointedOutBeforeItIsTested() {
        vm.supabaseUrlProperty().set("postgresql://postgres.abcd:pw@aws-0-eu.pooler.supabase.com:6543/postgres");
        assertThat(vm.supabaseUrlHintProperty().get()).contains("6543").contains("session pooler (port 5432)");
        vm.supabaseUrlProperty().set("jdbc:postgresql://db.abcd.supabase.co:6543/postgres?user=postgres");
        assertThat(vm.supabaseUrlHintProperty().get()).contains("6543");
        vm.supabaseUrlProperty().set("postgresql://postgres.abcd:pw@aws-0-eu.pooler.supabase.com:5432/postgres");
        assertThat(vm.supabaseUrlHintProperty().get()).isEmpty();
        vm.supabaseUrlProperty().set("postgresql://postgres.abcd:65432@db.abcd.supabase.co:5432/postgres");
        assertThat(vm.supabaseUrlHintProperty().get()).isEmpty();
    }
    // ---- the history's settings: SHOPTWIN_STAFF_NAME, SHOPTWIN_HISTORY_DAYS

    @Test
    void theStaffNameAndHistoryDaysAreSavedWithTheOtherFields() {
        vm.load();
        vm.staffNameProperty().set("  Asha  ");
        vm.historyDaysProperty().set("030");
        vm.save(() -> { });
        assertThat(file.get().staffName()).isEqualTo("Asha");
        assertThat(file.get().historyDays()).isEqualTo("30");
        assertThat(file.get().supabaseUrl()).isEqualTo(URL); // the connection is kept as it was
        SettingsViewModel reopened = new SettingsViewModel(repository, tester, new SameThreadUiExecutor());
        reopened.load();
        assertThat(reopened.staffNameProperty().get()).isEqualTo("Asha");
        assertThat(reopened.historyDaysProperty().get()).isEqualTo("30");
    }

    @Test
    void emptyHistoryFieldsMeanTheDefaults() {
        file.set(new ConnectionSettings(URL, "", "", "", "Asha", "30"));
        vm.load();
        vm.staffNameProperty().set("");
        vm.historyDaysProperty().set(" ");
        assertThat(vm.staffNameErrorProperty().get()).isEmpty();
        assertThat(vm.historyDaysErrorProperty().get()).isEmpty();
        vm.save(() -> { });
        assertThat(file.get().staffName()).isEmpty();
        assertThat(file.get().historyDays()).isEmpty();
    }

    @Test
    void historyDaysThatAreNotWholeDaysInTheRangeAreRefusedNamingTheFieldAndNothingIsWritten() {
        vm.load();
        ConnectionSettings before = file.get();
        for (String bad : new String[] {"abc", "1.5", "-3", "0", "3651", "99999999999", "30 days"}) {
            vm.historyDaysProperty().set(bad);
            assertThat(vm.historyDaysErrorProperty().get()).as(bad).startsWith("History days:")
                    .contains(shoptwin.config.HistorySettings.MIN_DAYS + " to " + shoptwin.config.HistorySettings.MAX_DAYS);
            AtomicReference<Boolean> saved = new AtomicReference<>(false);
            vm.save(() -> saved.set(true));
            assertThat(saved.get()).as(bad).isFalse();
            assertThat(vm.errorProperty().get()).as(bad).startsWith("Not saved.").contains("History days:");
            assertThat(file.get()).as(bad).isSameAs(before);
        }
        vm.historyDaysProperty().set("3650");
        assertThat(vm.historyDaysErrorProperty().get()).isEmpty();
        vm.historyDaysProperty().set("1");
        assertThat(vm.historyDaysErrorProperty().get()).isEmpty();
    }

    @Test
    void aStaffNameTooLongOrWithControlCharactersIsRefusedNamingTheFieldAndNothingIsWritten() {
        vm.load();
        ConnectionSettings before = file.get();
        for (String bad : new String[] {"x".repeat(shoptwin.config.HistorySettings.MAX_NAME + 1), "Asha\nMeera", "tab\there"}) {
            vm.staffNameProperty().set(bad);
            assertThat(vm.staffNameErrorProperty().get()).startsWith("Staff name:");
            vm.save(() -> { });
            assertThat(vm.errorProperty().get()).startsWith("Not saved.").contains("Staff name:");
            assertThat(file.get()).isSameAs(before);
        }
        vm.staffNameProperty().set("Meera (till 2)");
        assertThat(vm.staffNameErrorProperty().get()).isEmpty();
        vm.save(() -> { });
        assertThat(file.get().staffName()).isEqualTo("Meera (till 2)");
        assertThat(vm.errorProperty().get()).isEmpty();
    }
}

package shoptwin.ui.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import shoptwin.ui.fakes.SameThreadUiExecutor;

class OutageDrillViewModelTest {

    @Test
    void theOutageDrillStopsAndRestoresEachDatabase() {
        FakeDrill drill = new FakeDrill();
        OutageDrillViewModel vm = new OutageDrillViewModel(drill, new SameThreadUiExecutor());
        assertThat(vm.drillAvailable()).isTrue();
        assertThat(new OutageDrillViewModel(null, new SameThreadUiExecutor()).drillAvailable()).isFalse();

        vm.toggleMongoOutage();
        assertThat(drill.mongo).isFalse();
        assertThat(vm.mongoStoppedProperty().get()).isTrue();
        assertThat(vm.drillMessageProperty().get()).contains("backlog grow");

        vm.toggleSupabaseOutage();
        assertThat(drill.supabase).isFalse();
        assertThat(vm.supabaseStoppedProperty().get()).isTrue();

        vm.toggleMongoOutage();
        vm.toggleSupabaseOutage();
        assertThat(drill.mongo).isTrue();
        assertThat(drill.supabase).isTrue();
        assertThat(vm.mongoStoppedProperty().get()).isFalse();
        assertThat(vm.supabaseStoppedProperty().get()).isFalse();
    }

    @Test
    void theDrillSaysSwitchBackOnlyWhileTheConsoleStillReadsTheBackup() {
        OutageDrillViewModel vm = new OutageDrillViewModel(new FakeDrill(), new SameThreadUiExecutor());
        vm.toggleSupabaseOutage();
        vm.readingBackup(true); // the person took the banner's offer
        vm.toggleSupabaseOutage();
        assertThat(vm.drillMessageProperty().get()).isEqualTo("Supabase is running again: switch back from the banner; the mirror drains what waited.");

        vm.readingBackup(false); // switched back
        assertThat(vm.drillMessageProperty().get()).isEqualTo("Supabase is running again and the console reads it; the mirror drains what waited.")
                .doesNotContain("switch back");

        // never switched to the backup: nothing to switch back from
        OutageDrillViewModel stayed = new OutageDrillViewModel(new FakeDrill(), new SameThreadUiExecutor());
        stayed.toggleSupabaseOutage();
        stayed.toggleSupabaseOutage();
        assertThat(stayed.drillMessageProperty().get()).doesNotContain("switch back");
    }

    // ------------------------------------------------------------------ fakes

    static final class FakeDrill implements OutageDrill {
        boolean supabase = true;
        boolean mongo = true;

        public boolean isSupabaseRunning() {
            return supabase;
        }

        public void stopSupabase() {
            supabase = false;
        }

        public void startSupabase() {
            supabase = true;
        }

        public boolean isMongoRunning() {
            return mongo;
        }

        public void stopMongo() {
            mongo = false;
        }

        public void startMongo() {
            mongo = true;
        }
    }
}

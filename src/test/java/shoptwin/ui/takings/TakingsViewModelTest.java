package shoptwin.ui.takings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.domain.Customer;
import shoptwin.domain.PaymentMethod;
import shoptwin.ui.common.FileChoices;
import shoptwin.ui.common.ShopContext;
import shoptwin.ui.fakes.InMemoryShopStore;
import shoptwin.ui.fakes.SameThreadUiExecutor;
import shoptwin.ui.fakes.ScriptedDialogs;

class TakingsViewModelTest {
    @TempDir
    Path dir;

    // Wednesday 4 November 2026, 20:00 UTC: already Thursday 5 November in Kolkata
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-04T20:00:00Z"), ZoneId.of("UTC"));
    private final InMemoryShopStore store = InMemoryShopStore.withShop("INR", "Asia/Kolkata");
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final ShopContext shop = new ShopContext();

    private TakingsViewModel vm() {
        shop.update(store.getShop().orElseThrow());
        return new TakingsViewModel(store, new SameThreadUiExecutor(), dialogs, shop, FileChoices.inMemory(dialogs), clock);
    }

    @Test
    void thisWeekIsMondayToTodayInTheShopsZoneWithQuietDaysAndExactTotals() {
        Customer c = store.addCustomer("Asha", null, null);
        store.addPayment(c.id(), "100.25", PaymentMethod.CASH, null, Instant.parse("2026-11-04T19:00:00Z")); // Thu 00:30 IST
        store.addPayment(c.id(), "0.05", PaymentMethod.UPI, null, Instant.parse("2026-11-02T10:00:00Z"));
        TakingsViewModel vm = vm();
        vm.show(TakingsViewModel.Range.THIS_WEEK);
        assertThat(vm.days()).extracting(d -> d.date().toString())
                .containsExactly("2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05");
        assertThat(vm.days().get(3).method(PaymentMethod.CASH).total()).isEqualByComparingTo("100.25");
        assertThat(vm.days().get(2).total().count()).isZero();
        assertThat(vm.summaryProperty().get()).contains("100.30").contains("2 payments").contains("(Asia/Kolkata)");

        vm.show(TakingsViewModel.Range.TODAY);
        assertThat(vm.days()).hasSize(1);
        assertThat(vm.days().get(0).date()).isEqualTo(LocalDate.parse("2026-11-05"));
    }

    @Test
    void customDaysBackwardsAreRefusedWithAMessage() {
        TakingsViewModel vm = vm();
        vm.customFromProperty().set(LocalDate.parse("2026-11-05"));
        vm.customToProperty().set(LocalDate.parse("2026-11-01"));
        vm.showCustom();
        assertThat(vm.errorProperty().get()).isEqualTo("The last day (2026-11-01) is before the first day (2026-11-05).");
    }

    @Test
    void theExportHasOneRowPerDayWithExactAmountsAndTheFullPathIsConfirmed() throws Exception {
        Customer c = store.addCustomer("Asha", null, null);
        store.addPayment(c.id(), "19.99", PaymentMethod.CARD, null, Instant.parse("2026-11-01T06:00:00Z"));
        TakingsViewModel vm = vm();
        vm.show(TakingsViewModel.Range.THIS_MONTH);
        dialogs.saveFile = dir.resolve("takings.csv");
        vm.exportCsv();
        List<String> lines = Files.readAllLines(dialogs.saveFile, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1 + 5);
        assertThat(lines.get(0)).isEqualTo("date,currency,cash_count,cash_total,card_count,card_total,upi_count,upi_total,"
                + "bank_transfer_count,bank_transfer_total,other_count,other_total,count,total");
        assertThat(lines.get(1)).isEqualTo("2026-11-01,INR,0,0.00,1,19.99,0,0.00,0,0.00,0,0.00,1,19.99");
        assertThat(dialogs.infos).singleElement().asString().contains(dialogs.saveFile.toAbsolutePath().toString());
    }
}

package shoptwin.ui.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.domain.Customer;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentMethod;
import shoptwin.ui.common.DialogService.ConflictChoice;
import shoptwin.ui.common.ShopContext;
import shoptwin.ui.fakes.InMemoryShopStore;
import shoptwin.ui.fakes.SameThreadUiExecutor;
import shoptwin.ui.fakes.ScriptedDialogs;

class PaymentsViewModelTest {
    private final InMemoryShopStore store = InMemoryShopStore.withShop("INR", "Asia/Kolkata");
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final ShopContext shop = new ShopContext();
    private PaymentsViewModel vm;
    private Customer asha;
    private int changes;

    private final Locale before = Locale.getDefault();

    @org.junit.jupiter.api.AfterEach
    void restoreLocale() {
        Locale.setDefault(before);
    }

    @BeforeEach
    void setUp() {
        Locale.setDefault(Locale.US); // the expected texts are in the US format
        shop.update(store.getShop().orElseThrow());
        vm = new PaymentsViewModel(store, new SameThreadUiExecutor(), dialogs, shop);
        vm.setOnChanged(() -> changes++);
        asha = store.addCustomer("Asha Rao", null, null);
    }

    @Test
    void aStoreSwitchReadsTheShownCustomersPaymentsAgain() {
        store.addPayment(asha.id(), "100.00", Instant.parse("2026-01-05T10:00:00Z"));
        vm.show(asha);
        assertThat(vm.payments()).hasSize(1);
        // the database read after the switch holds one more (a change the screen did not make)
        store.addPayment(asha.id(), "25.00", Instant.parse("2026-01-06T10:00:00Z"));

        shop.storeSwitched();

        assertThat(vm.payments()).extracting(p -> p.amount().toPlainString()).containsExactly("25.00", "100.00");
        assertThat(vm.totalProperty().get()).isEqualByComparingTo("125.00");
    }

    @Test
    void showsHistoryNewestFirstWithCountAndTotalInTheShopsCurrency() {
        store.addPayment(asha.id(), "1000.00", Instant.parse("2026-01-02T10:00:00Z"));
        store.addPayment(asha.id(), "250.50", Instant.parse("2026-01-09T10:00:00Z"));
        vm.show(asha);
        assertThat(vm.payments()).extracting(Payment::amount).containsExactly(new BigDecimal("250.50"), new BigDecimal("1000.00"));
        assertThat(vm.totalsTextProperty().get()).isEqualTo("2 payments · ₹1,250.50 in total");
    }

    @Test
    void noPaymentsYetSaysSo() {
        vm.show(asha);
        assertThat(vm.totalsTextProperty().get()).isEqualTo("No payments yet");
    }

    @Test
    void addingAPaymentUpdatesTheTotalsAndTellsTheList() {
        vm.show(asha);
        vm.newPayment();
        assertThat(vm.formVisibleProperty().get()).isTrue();
        PaymentFormViewModel form = vm.form();
        form.amountProperty().set("99.99");
        form.methodProperty().set(PaymentMethod.UPI);
        form.referenceProperty().set("UPI-123");
        vm.savePayment();
        assertThat(vm.formVisibleProperty().get()).isFalse();
        assertThat(vm.totalsTextProperty().get()).isEqualTo("1 payment · ₹99.99 in total");
        assertThat(vm.payments()).singleElement().satisfies(p -> {
            assertThat(p.method()).isEqualTo(PaymentMethod.UPI);
            assertThat(p.reference()).isEqualTo("UPI-123");
        });
        assertThat(changes).isEqualTo(1);
    }

    @Test
    void amountsAreCheckedBesideTheAmountField() {
        vm.show(asha);
        vm.newPayment();
        PaymentFormViewModel form = vm.form();
        form.amountProperty().set("12.345");
        assertThat(form.errorProperty("amount").get()).isEqualTo("Amount can have at most 2 decimals.");
        form.amountProperty().set("0");
        assertThat(form.errorProperty("amount").get()).isEqualTo("Amount must be greater than zero.");
        form.amountProperty().set("abc");
        assertThat(form.errorProperty("amount").get()).isEqualTo("Amount must be a number like 12.50.");
        assertThat(form.canSaveProperty().get()).isFalse();
        vm.savePayment();
        assertThat(store.countPayments(asha.id())).isZero();
    }

    @Test
    void theDatePickedIsADayInTheShopsTimeZone() {
        vm.show(asha);
        vm.newPayment();
        PaymentFormViewModel form = vm.form();
        form.amountProperty().set("10");
        form.paidOnProperty().set(LocalDate.of(2026, 3, 1));
        vm.savePayment();
        Payment p = vm.payments().get(0);
        assertThat(p.paidAt().atZone(ZoneId.of("Asia/Kolkata")).toLocalDate()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(vm.format().date(p.paidAt())).isEqualTo("1 Mar 2026");
    }

    @Test
    void editingKeepsTheTimeOfDayAndAFutureDateIsRefused() {
        Payment p = store.addPayment(asha.id(), "10.00", Instant.parse("2026-01-02T04:30:00Z"));
        vm.show(asha);
        vm.editPayment(p);
        PaymentFormViewModel form = vm.form();
        form.paidOnProperty().set(LocalDate.now().plusYears(1));
        assertThat(form.errorProperty("paid_at").get()).isEqualTo("A payment date cannot be in the future.");
        form.paidOnProperty().set(LocalDate.of(2026, 1, 5));
        form.amountProperty().set("20.00");
        vm.savePayment();
        Payment saved = store.listPayments(asha.id()).payments().get(0);
        assertThat(saved.amount()).isEqualByComparingTo("20.00");
        assertThat(saved.paidAt()).isEqualTo(Instant.parse("2026-01-05T04:30:00Z"));
        assertThat(vm.totalsTextProperty().get()).isEqualTo("1 payment · ₹20.00 in total");
    }

    @Test
    void aPaymentConflictCanBeOverwritten() {
        Payment p = store.addPayment(asha.id(), "10.00", Instant.parse("2026-01-02T04:30:00Z"));
        vm.show(asha);
        vm.editPayment(p);
        store.updatePayment(p.id(), p.version(), new shoptwin.domain.PaymentDraft(asha.id(), "11.00", PaymentMethod.CASH, null, null, p.paidAt()));
        vm.form().amountProperty().set("12.00");
        dialogs.conflictChoice = ConflictChoice.OVERWRITE;
        vm.savePayment();
        assertThat(store.listPayments(asha.id()).total()).isEqualByComparingTo("12.00");
    }

    @Test
    void withTheHistoryTheDeleteQuestionNamesTheRecycleBinInsteadOfFinal() {
        Payment p = store.addPayment(asha.id(), "10.00", Instant.parse("2026-01-02T10:00:00Z"));
        vm.show(asha);
        vm.setDeletesRestorableFor(90); // what HistoryConsole.install does when there is a MongoDB backup
        dialogs.confirm = false;
        vm.deletePayment(p);
        assertThat(dialogs.confirmations).containsExactly(
                "Delete the payment of ₹10.00 made on 2 Jan 2026? You can restore it from the Recycle bin for 90 days.");
        assertThat(store.countPayments(asha.id())).as("nothing deleted: the question was declined").isEqualTo(1);
    }

    @Test
    void deleteAsksWithTheAmountAndDate() {
        Payment p = store.addPayment(asha.id(), "10.00", Instant.parse("2026-01-02T10:00:00Z"));
        vm.show(asha);
        dialogs.confirm = false;
        vm.deletePayment(p);
        assertThat(dialogs.confirmations).containsExactly("Delete the payment of ₹10.00 made on 2 Jan 2026? This cannot be undone.");
        assertThat(store.countPayments(asha.id())).isEqualTo(1);
        dialogs.confirm = true;
        vm.deletePayment(p);
        assertThat(store.countPayments(asha.id())).isZero();
        assertThat(vm.totalsTextProperty().get()).isEqualTo("No payments yet");
    }

    @Test
    void exportWritesTheCustomersPaymentsAsCsv(@TempDir Path dir) throws Exception {
        shoptwin.domain.Payment cash = store.addPayment(asha.id(), "10.00", Instant.parse("2026-01-02T10:00:00Z"));
        shoptwin.domain.Payment card = store.createPayment(new shoptwin.domain.PaymentDraft(asha.id(), "5.25", PaymentMethod.CARD,
                "+refund?", "said \"thanks\", left", Instant.parse("2026-01-03T10:00:00Z")));
        vm.show(asha);
        Path file = dir.resolve("p.csv");
        vm.exportCsv(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).containsExactly(
                "customer,paid_at,amount,currency,method,reference,note,payment_id",
                "Asha Rao,2026-01-03T15:30:00+05:30,5.25,INR,Card,'+refund?,\"said \"\"thanks\"\", left\"," + card.id(),
                "Asha Rao,2026-01-02T15:30:00+05:30,10.00,INR,Cash,,," + cash.id());
    }

    @Test
    void aSafeFileNameComesFromTheCustomersName() {
        assertThat(PaymentsViewModel.fileName("Asha / Rao: VIP")).isEqualTo("Asha-Rao-VIP");
        assertThat(PaymentsViewModel.fileName("..")).isEqualTo("..");
        assertThat(PaymentsViewModel.fileName("***")).isEqualTo("customer");
    }

    @Test
    void saveSaysWhatTheNewPaymentLacks() {
        vm.show(asha);
        vm.newPayment();
        assertThat(vm.form().saveHintProperty().get()).isEqualTo("To save: Enter an amount.");
        vm.form().amountProperty().set("12.50");
        assertThat(vm.form().saveHintProperty().get()).isEmpty();
    }
}

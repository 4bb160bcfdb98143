package shoptwin.ui.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.domain.Customer;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentMethod;
import shoptwin.receipt.ReceiptLayout;
import shoptwin.ui.common.FileChoices;
import shoptwin.ui.fakes.InMemoryShopStore;
import shoptwin.ui.fakes.SameThreadUiExecutor;
import shoptwin.ui.fakes.ScriptedDialogs;

class ReceiptViewModelTest {
    @TempDir
    Path dir;

    private final InMemoryShopStore store = InMemoryShopStore.withShop("INR", "Asia/Kolkata");
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final ReceiptViewModel vm = new ReceiptViewModel(store, new SameThreadUiExecutor(), dialogs,
            FileChoices.inMemory(dialogs));
    private final Customer asha = store.addCustomer("Asha Rao", null, null);
    private final Payment payment = store.addPayment(asha.id(), "250.00", PaymentMethod.CARD, "**** 4242",
            Instant.parse("2026-11-01T18:00:00Z"));

    @Test
    void withoutAPrinterTheUserIsToldPlainly() {
        vm.setPrinter((receipt, outcome) -> outcome.accept(false, "No printer is installed on this computer."));
        vm.print(payment);
        assertThat(dialogs.errors).containsExactly("Could not print the receipt: No printer is installed on this computer.");
    }

    @Test
    void thePrinterGetsTheReceiptAsTheStoreHoldsItNow() {
        String[] printed = new String[1];
        vm.setPrinter((receipt, outcome) -> {
            printed[0] = receipt.customer() + " " + receipt.amount() + " " + receipt.paidAt();
            outcome.accept(true, "Sent the receipt to Till printer.");
        });
        vm.print(payment);
        assertThat(printed[0]).isEqualTo("Asha Rao ₹250.00 1 Nov 2026, 23:30 (Asia/Kolkata)");
        assertThat(dialogs.infos).containsExactly("Receipt printed: Sent the receipt to Till printer.");
    }

    @Test
    void savingAsPdfNamesTheFullPathAndAGoneCustomerIsSaidClearly() throws Exception {
        dialogs.saveFile = dir.resolve("r.pdf");
        vm.savePdf(payment, ReceiptLayout.ROLL_80MM);
        assertThat(dialogs.infos).containsExactly("Receipt saved: Saved the receipt to " + dialogs.saveFile.toAbsolutePath() + ".");
        assertThat(shoptwin.receipt.ReceiptPdfTest.text(dialogs.saveFile)).contains("Asha Rao", "₹250.00", "**** 4242");

        store.deletePayment(payment.id());
        vm.savePdf(payment, ReceiptLayout.A4);
        assertThat(dialogs.errors).singleElement().asString().startsWith("Could not save the receipt: There is no payment with id");
    }
}

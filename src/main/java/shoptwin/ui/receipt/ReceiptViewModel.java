package shoptwin.ui.receipt;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import shoptwin.domain.Payment;
import shoptwin.receipt.Receipt;
import shoptwin.receipt.ReceiptLayout;
import shoptwin.receipt.ReceiptPdf;
import shoptwin.store.ShopStore;
import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.FileChoices;
import shoptwin.ui.common.UiErrors;
import shoptwin.ui.common.UiExecutor;

/**
 * A payment's receipt: printed (the system's print dialog) or saved as a PDF (80 mm roll or A4).
 * The receipt is read fresh from the store (the shop's name, zone and currency as they are now), off the
 * FX thread; the PDF is written off it too.
 */
public final class ReceiptViewModel {
    private final ShopStore store;
    private final UiExecutor executor;
    private final DialogService dialogs;
    private final FileChoices files;
    private ReceiptPrinting printer = ReceiptPrinting.NONE;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    public ReceiptViewModel(ShopStore store, UiExecutor executor, DialogService dialogs, FileChoices files) {
        this.store = Objects.requireNonNull(store);
        this.executor = Objects.requireNonNull(executor);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.files = Objects.requireNonNull(files);
    }

    /** The view installs the console's printing. */
    public void setPrinter(ReceiptPrinting printer) {
        this.printer = Objects.requireNonNull(printer);
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public void print(Payment payment) {
        if (payment == null) {
            return;
        }
        load(payment.id(), receipt -> printer.print(receipt, (printed, message) -> {
            if (printed) {
                dialogs.showInfo("Receipt printed", message);
            } else {
                dialogs.showError("Could not print the receipt", message);
            }
        }));
    }

    public void savePdf(Payment payment, ReceiptLayout layout) {
        if (payment == null) {
            return;
        }
        String name = "receipt-" + payment.id().toString().substring(0, 8) + (layout == ReceiptLayout.A4 ? "" : "-80mm") + ".pdf";
        files.save("Save receipt as PDF", name, DialogService.FileKind.PDF).ifPresent(file -> savePdf(payment.id(), layout, file));
    }

    public void savePdf(UUID paymentId, ReceiptLayout layout, Path file) {
        busy.set(true);
        BackgroundTask.of(() -> new ReceiptPdf(layout).write(Receipt.load(store, paymentId, Locale.getDefault()), file))
                .onSuccess(written -> {
                    String where = "Saved the receipt to " + FileChoices.where(file) + ".";
                    if (written.warning().isEmpty()) {
                        dialogs.showInfo("Receipt saved", where);
                    } else {
                        dialogs.showInfo("Receipt saved, with a warning", where + " " + written.warning());
                    }
                })
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    dialogs.showError("Could not save the receipt", UiErrors.userMessage(f));
                })
                .onFinally(() -> busy.set(false))
                .executeWith(executor);
    }

    private void load(UUID paymentId, java.util.function.Consumer<Receipt> then) {
        busy.set(true);
        BackgroundTask.of(() -> Receipt.load(store, paymentId, Locale.getDefault()))
                .onSuccess(then)
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    dialogs.showError("Could not prepare the receipt", UiErrors.userMessage(f));
                })
                .onFinally(() -> busy.set(false))
                .executeWith(executor);
    }
}

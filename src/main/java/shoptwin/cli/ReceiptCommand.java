package shoptwin.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import shoptwin.receipt.Receipt;
import shoptwin.receipt.ReceiptLayout;
import shoptwin.receipt.ReceiptPdf;
import shoptwin.store.StoreException;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.PostgresShopStore;

/** {@code shoptwin receipt PAYMENT_ID --out FILE.pdf [--layout 80mm|a4]}. */
@Command(name = "receipt", mixinStandardHelpOptions = true,
        description = "Save a payment's receipt as a PDF: the shop's name, address, phone and tax id, the customer, the date"
                + " and time in the shop's time zone, the amount in the shop's currency, method, reference and the receipt footer.")
public class ReceiptCommand implements Callable<Integer> {
    @Mixin
    VerboseOption verbose;

    @ParentCommand
    ShopTwinCommand root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PAYMENT_ID", description = "The payment's id (a UUID, as the console's payments list and exports show).")
    String paymentId;

    @Option(names = "--out", required = true, paramLabel = "FILE.pdf", description = "Where to write the PDF.")
    Path out;

    @Option(names = "--layout", paramLabel = "80mm|a4", defaultValue = "a4",
            description = "80mm (a till roll) or a4 (a sheet, the default).")
    String layoutOption;

    @Override
    public Integer call() throws Exception {
        ReceiptLayout layout = ReceiptLayout.fromOption(layoutOption).orElseThrow(() -> new picocli.CommandLine.ParameterException(
                spec.commandLine(), "--layout: '" + layoutOption + "' is not a layout: use 80mm or a4."));
        UUID id;
        try {
            id = UUID.fromString(paymentId.strip());
        } catch (IllegalArgumentException e) {
            throw new StoreException("'" + paymentId + "' is not a payment id: it looks like 3f2b8c1e-0d4a-4c7e-9b1a-2e5f6a7b8c9d.");
        }
        try (Database db = root.openDatabase(); PostgresShopStore store = new PostgresShopStore(db)) {
            Receipt receipt = Receipt.load(store, id, Locale.getDefault());
            ReceiptPdf.Written written = new ReceiptPdf(layout).write(receipt, out);
            if (!written.warning().isEmpty()) {
                root.err().println("warning: " + written.warning());
            }
            root.out().println("Saved the receipt " + receipt.number() + " (" + receipt.amount() + ", " + receipt.customer()
                    + ") to " + out.toAbsolutePath().normalize() + " (" + layout.option() + ").");
            root.out().flush();
            root.err().flush();
            return 0;
        }
    }
}

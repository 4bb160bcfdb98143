package shoptwin.ui.receipt;

import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.print.PageLayout;
import javafx.print.PrinterJob;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.receipt.Receipt;

/**
 * JavaFX printing: the system's print dialog, then the receipt laid out to the page's printable width
 * (a till printer's 80 mm roll or a sheet) and printed off the FX thread. No printer installed, or a
 * printer that fails, is said plainly.
 */
public final class FxReceiptPrinter implements ReceiptPrinting {
    private static final Logger log = LoggerFactory.getLogger(FxReceiptPrinter.class);
    private final Supplier<Window> owner;

    public FxReceiptPrinter(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void print(Receipt receipt, BiConsumer<Boolean, String> outcome) {
        PrinterJob job;
        try {
            job = PrinterJob.createPrinterJob();
        } catch (RuntimeException e) {
            log.info("Printing is not available: {}", e.toString());
            job = null;
        }
        if (job == null) {
            outcome.accept(false, "No printer is installed on this computer. Add one in the system's printer settings,"
                    + " or use Save as PDF and print the file from another computer.");
            return;
        }
        if (!job.showPrintDialog(owner.get())) {
            job.cancelJob();
            return; // the user cancelled: nothing to say
        }
        PrinterJob chosen = job;
        PageLayout page = job.getJobSettings().getPageLayout();
        Node node = layOut(receipt, page.getPrintableWidth());
        String printerName = job.getPrinter().getName();
        Thread t = new Thread(() -> {
            boolean ok = chosen.printPage(node) && chosen.endJob();
            Platform.runLater(() -> outcome.accept(ok, ok ? "Sent the receipt to " + printerName + "."
                    : "The printer " + printerName + " did not take the receipt (" + chosen.getJobStatus() + ")."));
        }, "shoptwin-print");
        t.setDaemon(true);
        t.start();
    }

    /** The receipt as nodes, as wide as the page can print. */
    static Node layOut(Receipt r, double width) {
        double small = width < 300 ? 8 : 10;
        VBox box = new VBox(4);
        box.setPadding(new Insets(4));
        box.setPrefWidth(width);
        box.setMaxWidth(width);
        box.setAlignment(Pos.TOP_CENTER);
        box.getChildren().add(text(r.shopName(), Font.font("Noto Sans", FontWeight.BOLD, small * 1.6), width, true));
        for (String l : r.shopLines()) {
            box.getChildren().add(text(l, Font.font("Noto Sans", small), width, true));
        }
        box.getChildren().add(new Separator());
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(2);
        int row = 0;
        for (String[] d : r.details()) {
            grid.add(text(d[0], Font.font("Noto Sans", FontWeight.BOLD, small), width * 0.3, false), 0, row);
            grid.add(text(d[1], Font.font("Noto Sans", small), width * 0.65, false), 1, row++);
        }
        box.getChildren().addAll(grid, new Separator(),
                text("Amount paid", Font.font("Noto Sans", FontWeight.BOLD, small), width, true),
                text(r.amount(), Font.font("Noto Sans", FontWeight.BOLD, small * 2), width, true), new Separator());
        if (r.footer() != null && !r.footer().isBlank()) {
            box.getChildren().add(text(r.footer(), Font.font("Noto Sans", small), width, true));
        }
        box.getChildren().add(text("Payment " + r.paymentId(), Font.font("Noto Sans", small * 0.75), width, true));
        return box;
    }

    private static Label text(String s, Font font, double width, boolean centred) {
        Label l = new Label(s);
        l.setFont(font);
        l.setWrapText(true);
        l.setMaxWidth(width);
        if (centred) {
            l.setTextAlignment(TextAlignment.CENTER);
            l.setAlignment(Pos.CENTER);
        }
        return l;
    }
}

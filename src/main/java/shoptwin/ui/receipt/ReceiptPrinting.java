package shoptwin.ui.receipt;

import shoptwin.receipt.Receipt;

/** Puts a receipt on paper (JavaFX printing in the console; a fake in tests). Called on the FX thread. */
public interface ReceiptPrinting {
    /**
     * Asks the user (the system's print dialog) and prints; the outcome calls back with a sentence for the
     * user ("Sent to HP LaserJet." / "No printer is installed...") and whether it printed.
     */
    void print(Receipt receipt, java.util.function.BiConsumer<Boolean, String> outcome);

    /** No printing at all (a build without a toolkit): says so. */
    ReceiptPrinting NONE = (r, outcome) -> outcome.accept(false, "Printing is not available here: use Save as PDF.");
}

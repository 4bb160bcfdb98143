package shoptwin.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import shoptwin.domain.Customer;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentMethod;
import shoptwin.domain.Shop;

/** A receipt's PDF, read back with PDFBox's text extraction: every field is there, in any script. */
public class ReceiptPdfTest {
    @TempDir
    Path dir;

    static final Shop SHOP = new Shop(UUID.randomUUID(), "Meenakshi Stores மீனாட்சி", "Meera", "+91 44 2555 0100", null,
            "7 Temple Street, Madurai 625001", "INR", "Asia/Kolkata", "33AAAPL1234C1ZV", "நன்றி! Thank you, visit again.",
            1, Instant.EPOCH, Instant.EPOCH);

    /**
     * The page text as PDFBox extracts it (it honours the /ActualText spans the receipt writes), with runs of
     * spaces as one: where two fonts meet, the extractor may read the gap as a second space.
     */
    public static String text(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc).replaceAll(" {2,}", " ");
        }
    }

    private static Payment payment(String amount, String reference, String note) {
        // 23:40 in Madurai (Asia/Kolkata) on 1 November: 18:10 UTC
        return new Payment(UUID.fromString("1a2b3c4d-0000-4000-8000-000000000001"), UUID.randomUUID(), new BigDecimal(amount),
                PaymentMethod.UPI, reference, note, Instant.parse("2026-11-01T18:10:00Z"), 1, Instant.EPOCH, Instant.EPOCH);
    }

    private static Customer customer(String name) {
        return new Customer(UUID.randomUUID(), name, null, null, null, null, 1, Instant.EPOCH, Instant.EPOCH);
    }

    @ParameterizedTest
    @EnumSource(ReceiptLayout.class)
    void everyFieldIsOnTheReceiptInHindiTamilAndTheRupeeSign(ReceiptLayout layout) throws Exception {
        Receipt r = Receipt.of(SHOP, customer("प्रिया शर्मा"), payment("1250.50", "UPI 4471 2231", "Gift hamper"), Locale.ENGLISH);
        Path pdf = dir.resolve("receipt-" + layout.option() + ".pdf");
        ReceiptPdf.Written written = new ReceiptPdf(layout).write(r, pdf);
        assertThat(written.unrenderable()).isEmpty();

        String text = text(pdf);
        assertThat(text).contains("Meenakshi Stores மீனாட்சி", "7 Temple Street, Madurai 625001", "Phone +91 44 2555 0100",
                "Tax ID 33AAAPL1234C1ZV", "Receipt", "1A2B3C4D", "1 Nov 2026, 23:40 (Asia/Kolkata)", "प्रिया शर्मा",
                "₹1,250.50", "UPI", "UPI 4471 2231", "Gift hamper", "நன்றி! Thank you, visit again.",
                "1a2b3c4d-0000-4000-8000-000000000001");
    }

    @Test
    void longNamesAndNotesWrapOnTheRollInsteadOfRunningOffTheEdge() throws Exception {
        String longName = "Thiruvananthapuram Venkataraghavan Subramaniam Ramaswamy Iyer Krishnamurthy";
        String note = "Paid the balance of the wedding order (two silk sarees, one dhoti set) in full; delivery on Friday.";
        Receipt r = Receipt.of(SHOP, customer(longName), payment("99.00", null, note), Locale.ENGLISH);
        Path pdf = dir.resolve("long.pdf");
        new ReceiptPdf(ReceiptLayout.ROLL_80MM).write(r, pdf);
        String text = text(pdf);
        // every word is there, over several lines
        for (String word : (longName + " " + note).split(" ")) {
            assertThat(text).contains(word);
        }
        assertThat(text.lines().filter(l -> l.contains("Subramaniam") || l.contains("Krishnamurthy")).count())
                .as("the name wraps").isGreaterThanOrEqualTo(1);
        assertThat(text).doesNotContain(longName); // not on one line
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            assertThat(doc.getPage(0).getMediaBox().getHeight()).isGreaterThan(200);
        }
    }

    @Test
    void aCharacterNoFontHasIsReportedNotDroppedSilently() throws Exception {
        Receipt r = Receipt.of(SHOP, customer("Asha \uD83D\uDE00 Rao"), payment("10.00", null, null), Locale.ENGLISH);
        ReceiptPdf.Written written = new ReceiptPdf(ReceiptLayout.A4).write(r, dir.resolve("emoji.pdf"));
        assertThat(written.unrenderable()).containsExactly("U+1F600 '\uD83D\uDE00'");
        assertThat(written.warning()).contains("appear as ?");
        assertThat(text(dir.resolve("emoji.pdf"))).contains("Asha ? Rao");
    }
}

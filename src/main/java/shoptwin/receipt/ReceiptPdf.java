package shoptwin.receipt;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.util.Matrix;

/**
 * A receipt as a PDF (Apache PDFBox), on an 80 mm roll or an A4 sheet. Long names, addresses, notes and
 * footers wrap (a word longer than the line is broken between characters). Every piece of text is drawn
 * from shaped glyphs inside a marked-content span whose /ActualText is the text itself, so copying or
 * extracting text from the PDF gives the characters typed, Hindi and Tamil included.
 */
public final class ReceiptPdf {
    private final ReceiptLayout layout;

    public ReceiptPdf(ReceiptLayout layout) {
        this.layout = layout;
    }

    /** What writing found: characters that could not be drawn (empty when every character rendered). */
    public record Written(List<String> unrenderable) {
        public Written {
            unrenderable = List.copyOf(unrenderable);
        }

        /** A sentence for the user, or "" when everything rendered. */
        public String warning() {
            return unrenderable.isEmpty() ? "" : "Some characters cannot be shown with the receipt's fonts and appear as ?: "
                    + String.join(", ", unrenderable) + ".";
        }
    }

    private enum Align { LEFT, CENTER }

    private record Line(List<ReceiptFonts.Run> runs, float width, float size, float x, Align align, float leading,
                        boolean rule) {
    }

    public Written write(Receipt receipt, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            return write(receipt, out);
        }
    }

    public Written write(Receipt receipt, OutputStream out) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            ReceiptFonts fonts = new ReceiptFonts(doc);
            List<Line> lines = layOut(receipt, fonts);
            draw(doc, lines);
            fonts.embedUsedGlyphs();
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Receipt " + receipt.number() + " - " + receipt.shopName());
            info.setCreator("ShopTwin");
            doc.save(out);
            return new Written(new ArrayList<>(fonts.missing()));
        }
    }

    private float contentWidth() {
        return layout.width() - 2 * layout.margin();
    }

    private List<Line> layOut(Receipt r, ReceiptFonts fonts) {
        float s = layout.textSize();
        float w = contentWidth();
        List<Line> lines = new ArrayList<>();
        text(lines, fonts, r.shopName(), s * 1.6f, true, 0, w, Align.CENTER);
        for (String l : r.shopLines()) {
            text(lines, fonts, l, s * 0.95f, false, 0, w, Align.CENTER);
        }
        rule(lines, s);
        float labelWidth = layout == ReceiptLayout.A4 ? 110 : w * 0.32f;
        for (String[] row : r.details()) {
            List<String> values = wrap(fonts, row[1], s, false, w - labelWidth);
            for (int i = 0; i < values.size(); i++) {
                if (i == 0) { // the label, on the baseline of the value's first line (no advance of its own)
                    lines.add(new Line(fonts.shape(row[0], s, true), fonts.width(row[0], s, true), s, 0, Align.LEFT, 0, false));
                }
                lines.add(new Line(fonts.shape(values.get(i), s, false), fonts.width(values.get(i), s, false), s, labelWidth,
                        Align.LEFT, s * 1.45f, false));
            }
        }
        rule(lines, s);
        text(lines, fonts, "Amount paid", s, true, 0, w, Align.CENTER);
        text(lines, fonts, r.amount(), s * 2f, true, 0, w, Align.CENTER);
        rule(lines, s);
        if (r.footer() != null && !r.footer().isBlank()) {
            text(lines, fonts, r.footer(), s, false, 0, w, Align.CENTER);
        }
        text(lines, fonts, "Payment " + r.paymentId(), s * 0.75f, false, 0, w, Align.CENTER);
        return lines;
    }

    private static void rule(List<Line> lines, float s) {
        lines.add(new Line(List.of(), 0, s, 0, Align.LEFT, s * 1.2f, true));
    }

    private void text(List<Line> lines, ReceiptFonts fonts, String text, float size, boolean bold, float x, float width,
                      Align align) {
        for (String l : wrap(fonts, text, size, bold, width)) {
            lines.add(new Line(fonts.shape(l, size, bold), fonts.width(l, size, bold), size, x, align, size * 1.45f, false));
        }
    }

    /** Greedy wrapping at spaces, keeping the text's own line breaks; an over-long word breaks between characters. */
    static List<String> wrap(ReceiptFonts fonts, String text, float size, boolean bold, float width) {
        List<String> out = new ArrayList<>();
        for (String paragraph : (text == null ? "" : text).split("\\R", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.strip().split("\\s+")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (fonts.width(candidate, size, bold) <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (line.length() > 0) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                if (fonts.width(word, size, bold) <= width) {
                    line.append(word);
                    continue;
                }
                // break a very long word between characters (whole clusters: a vowel sign stays with its letter)
                BreakIterator chars = BreakIterator.getCharacterInstance();
                chars.setText(word);
                int start = 0;
                int end = chars.next();
                int lastFit = start;
                while (end != BreakIterator.DONE) {
                    if (fonts.width(word.substring(start, end), size, bold) > width && lastFit > start) {
                        out.add(word.substring(start, lastFit));
                        start = lastFit;
                    }
                    lastFit = end;
                    end = chars.next();
                }
                line.append(word.substring(start));
            }
            out.add(line.toString());
        }
        return out;
    }

    private void draw(PDDocument doc, List<Line> lines) throws IOException {
        float m = layout.margin();
        float total = 0;
        for (Line l : lines) {
            total += lineHeight(l);
        }
        boolean roll = layout != ReceiptLayout.A4;
        // a roll is one page as long as the receipt; a sheet breaks to a new page when full
        float height = roll ? total + 2 * m + 2 : PDRectangle.A4.getHeight();
        PDPageContentStream cs = null;
        float y = 0;
        try {
            for (int i = 0; i < lines.size(); i++) {
                Line l = lines.get(i);
                // a label has no height of its own: it sits on the baseline of the value after it
                Line baselineOf = l.leading() == 0 && i + 1 < lines.size() ? lines.get(i + 1) : l;
                if (cs == null || !roll && y - lineHeight(baselineOf) < m) {
                    if (cs != null) {
                        cs.close();
                    }
                    PDPage page = new PDPage(new PDRectangle(layout.width(), height));
                    doc.addPage(page);
                    cs = new PDPageContentStream(doc, page);
                    y = height - m;
                }
                y -= lineHeight(l);
                if (l.rule()) {
                    cs.setLineWidth(0.5f);
                    cs.setStrokingColor(0.55f);
                    float ry = y + l.leading() / 2;
                    cs.moveTo(m, ry);
                    cs.lineTo(m + contentWidth(), ry);
                    cs.stroke();
                    continue;
                }
                float x = m + l.x() + (l.align() == Align.CENTER ? (contentWidth() - l.width()) / 2 : 0);
                float baseline = y - (baselineOf == l ? 0 : lineHeight(baselineOf)) + l.size() * 0.3f;
                for (ReceiptFonts.Run run : l.runs()) {
                    drawRun(cs, run, l.size(), x, baseline);
                    x += run.width();
                }
            }
        } finally {
            if (cs != null) {
                cs.close();
            }
        }
    }

    private static float lineHeight(Line l) {
        return l.leading();
    }

    /** One shaped run: its glyphs placed one by one, inside a span whose /ActualText is the run's text. */
    private static void drawRun(PDPageContentStream cs, ReceiptFonts.Run run, float size, float x, float y) throws IOException {
        if (run.glyphs().length == 0) {
            return;
        }
        StringBuilder span = new StringBuilder("/Span <</ActualText <FEFF");
        // the gap between two runs already reads as a space to text extraction
        for (char c : run.text().strip().toCharArray()) {
            span.append(String.format("%04X", (int) c));
        }
        cs.appendRawCommands(span.append(">>> BDC\n").toString());
        cs.beginText();
        cs.setFont(run.font(), size);
        for (int i = 0; i < run.glyphs().length; i++) {
            cs.setTextMatrix(Matrix.getTranslateInstance(x + run.x()[i], y - run.y()[i]));
            StringBuilder hex = new StringBuilder("<");
            for (byte b : run.font().encodeGlyphId(run.glyphs()[i])) {
                hex.append(String.format("%02X", b & 0xFF));
            }
            cs.appendRawCommands(hex.append("> Tj\n").toString());
        }
        cs.endText();
        cs.appendRawCommands("EMC\n");
    }
}

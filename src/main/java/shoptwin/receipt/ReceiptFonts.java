package shoptwin.receipt;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The fonts a receipt embeds (Noto Sans, Noto Sans Devanagari, Noto Sans Tamil, SIL Open Font License,
 * shipped in the jar under /shoptwin/receipt/fonts), and text shaping. Text is shaped by Java's own
 * OpenType layout (HarfBuzz inside the JDK), which handles what Hindi and Tamil need (conjuncts, vowel
 * signs drawn before their consonant), and the shaped glyphs are written to the PDF as they are. Each
 * character takes the first font that has it; a character no font has is drawn as '?', and is reported
 * (never dropped silently).
 */
final class ReceiptFonts {
    private static final String[] REGULAR = {"NotoSans-Regular.ttf", "NotoSansDevanagari-Regular.ttf", "NotoSansTamil-Regular.ttf"};
    private static final String BOLD = "NotoSans-Bold.ttf";
    /** Fractional metrics, no hinting: the positions a PDF wants. */
    static final FontRenderContext FRC = new FontRenderContext(null, false, true);
    private static final java.util.Map<String, byte[]> FILES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.Map<String, Font> AWT = new java.util.concurrent.ConcurrentHashMap<>();

    private final PDDocument document;
    private final java.util.Map<String, PDType0Font> embedded = new java.util.HashMap<>();
    private final java.util.Map<PDType0Font, Set<Integer>> used = new java.util.HashMap<>();
    private final Set<String> missing = new LinkedHashSet<>();

    ReceiptFonts(PDDocument document) {
        this.document = document;
    }

    /** One font's share of a line: its text, glyphs and their positions (relative to the run's start), its width. */
    record Run(String text, PDType0Font font, int[] glyphs, float[] x, float[] y, float width) {
    }

    /** Shapes one line of text at {@code size}; bold applies to Latin text (the other scripts have regular only). */
    List<Run> shape(String text, float size, boolean bold) {
        List<Run> runs = new ArrayList<>();
        int start = 0;
        String current = null;
        StringBuilder pending = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String file = fontFor(cp, bold, current);
            String piece = new String(Character.toChars(cp));
            if (file == null) {
                missing.add(String.format("U+%04X '%s'", cp, piece));
                file = bold ? BOLD : REGULAR[0];
                piece = "?";
            }
            if (current != null && !file.equals(current)) {
                runs.add(run(pending.toString(), current, size));
                pending.setLength(0);
            }
            current = file;
            pending.append(piece);
            i += Character.charCount(cp);
        }
        if (pending.length() > 0) {
            runs.add(run(pending.toString(), current, size));
        }
        return runs;
    }

    float width(String text, float size, boolean bold) {
        float w = 0;
        for (Run r : shape(text, size, bold)) {
            w += r.width();
        }
        return w;
    }

    /** Characters that no bundled font has, as "U+1F600 '😀'". */
    Set<String> missing() {
        return missing;
    }

    /** The glyphs written with each font, for its embedded subset. */
    void embedUsedGlyphs() {
        used.forEach(PDType0Font::addGlyphsToSubset);
    }

    private String fontFor(int cp, boolean bold, String current) {
        // spaces, digits and punctuation stay in the current run, so a Hindi name is shaped as one piece
        if (current != null && awt(current).canDisplay(cp) && !Character.isLetter(cp)) {
            return current;
        }
        if (bold && awt(BOLD).canDisplay(cp)) {
            return BOLD;
        }
        for (String f : REGULAR) {
            if (awt(f).canDisplay(cp)) {
                return f;
            }
        }
        return null;
    }

    private Run run(String text, String file, float size) {
        Font font = awt(file).deriveFont(size);
        char[] chars = text.toCharArray();
        GlyphVector gv = font.layoutGlyphVector(FRC, chars, 0, chars.length, Font.LAYOUT_LEFT_TO_RIGHT);
        int n = gv.getNumGlyphs();
        int[] glyphs = new int[n];
        float[] x = new float[n];
        float[] y = new float[n];
        PDType0Font pdf = pdf(file);
        Set<Integer> ids = used.computeIfAbsent(pdf, f -> new HashSet<>());
        for (int i = 0; i < n; i++) {
            glyphs[i] = gv.getGlyphCode(i);
            x[i] = (float) gv.getGlyphPosition(i).getX();
            y[i] = (float) gv.getGlyphPosition(i).getY();
            ids.add(glyphs[i]);
        }
        return new Run(text, pdf, glyphs, x, y, (float) gv.getGlyphPosition(n).getX());
    }

    private PDType0Font pdf(String file) {
        return embedded.computeIfAbsent(file, f -> {
            try {
                return PDType0Font.load(document, new ByteArrayInputStream(bytes(f)), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Font awt(String file) {
        return AWT.computeIfAbsent(file, f -> {
            try {
                return Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(bytes(f)));
            } catch (FontFormatException | IOException e) {
                throw new IllegalStateException("the bundled font " + f + " cannot be read", e);
            }
        });
    }

    static byte[] bytes(String file) {
        return FILES.computeIfAbsent(file, f -> {
            try (InputStream in = ReceiptFonts.class.getResourceAsStream("/shoptwin/receipt/fonts/" + f)) {
                if (in == null) {
                    throw new IllegalStateException("the font " + f + " is missing from the build");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The bundled font files, for the console's printing (JavaFX loads them too). */
    static List<String> files() {
        List<String> all = new ArrayList<>(List.of(REGULAR));
        all.add(BOLD);
        return all;
    }
}

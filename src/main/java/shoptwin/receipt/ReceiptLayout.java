package shoptwin.receipt;

import java.util.Locale;
import java.util.Optional;

/** The paper: an 80 mm till roll (one tall page, as long as the receipt) or an A4 sheet. */
public enum ReceiptLayout {
    ROLL_80MM("80mm", 80 * 72 / 25.4f, 4 * 72 / 25.4f, 8.5f),
    A4("a4", 595.28f, 56.7f, 11f);

    private final String option;
    private final float width;
    private final float margin;
    private final float textSize;

    ReceiptLayout(String option, float width, float margin, float textSize) {
        this.option = option;
        this.width = width;
        this.margin = margin;
        this.textSize = textSize;
    }

    /** As typed after --layout: "80mm" or "a4". */
    public String option() {
        return option;
    }

    /** Page width in points. */
    public float width() {
        return width;
    }

    public float margin() {
        return margin;
    }

    public float textSize() {
        return textSize;
    }

    public static Optional<ReceiptLayout> fromOption(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        for (ReceiptLayout l : values()) {
            if (l.option.equals(t)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}

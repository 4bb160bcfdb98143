package shoptwin.store;

/**
 * A search over name, phone and email (case-insensitive, matches anywhere), sorted and paged.
 * A blank text lists everyone.
 */
public record CustomerQuery(String text, CustomerSort sort, boolean ascending, int offset, int limit) {
    public static final int MAX_LIMIT = 500;

    public CustomerQuery {
        text = text == null ? "" : text.strip();
        sort = sort == null ? CustomerSort.NAME : sort;
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    public static CustomerQuery firstPage(String text, int limit) {
        return new CustomerQuery(text, CustomerSort.NAME, true, 0, limit);
    }
}

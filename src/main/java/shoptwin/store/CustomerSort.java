package shoptwin.store;

/**
 * Columns the customer list can be sorted by, server-side. Ties are broken by id so paging is stable.
 * NAME sorts on {@code name_sort} (lower(name), a generated column) in code-point order, so that
 * PostgreSQL ({@code collate "C"}) and the MongoDB copy (binary order) list customers identically.
 * Ascending puts missing values first on both sides (MongoDB's order; PostgreSQL says NULLS FIRST).
 * TOTAL_PAID and LAST_PAID sort by the customer's payments (a customer without payments has paid 0 and
 * has no last payment); PostgreSQL keeps them per customer in {@code shoptwin.customer_totals}, the
 * backup computes them from the copy's payments.
 */
public enum CustomerSort {
    NAME("name_sort"),
    PHONE("phone"),
    EMAIL("email"),
    CREATED_AT("created_at"),
    UPDATED_AT("updated_at"),
    TOTAL_PAID("total_paid"),
    LAST_PAID("last_paid_at");

    private final String column;

    CustomerSort(String column) {
        this.column = column;
    }

    /** The snake_case field name, the same in PostgreSQL and in the copy (for the payment sorts: the figure's name). */
    public String column() {
        return column;
    }

    /** Sorted by a figure computed from the customer's payments, not by a column of the customer. */
    public boolean byPayments() {
        return this == TOTAL_PAID || this == LAST_PAID;
    }
}

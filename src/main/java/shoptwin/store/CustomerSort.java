package shoptwin.store;

/**
 * Columns the customer list can be sorted by, server-side. Ties are broken by id so paging is stable.
 * NAME sorts on {@code name_sort} (lower(name), a generated column) in code-point order, so that
 * PostgreSQL ({@code collate "C"}) and the MongoDB copy (binary order) list customers identically.
 * Ascending puts missing values first on both sides (MongoDB's order; PostgreSQL says NULLS FIRST).
 */
public enum CustomerSort {
    NAME("name_sort"),
    PHONE("phone"),
    EMAIL("email"),
    CREATED_AT("created_at"),
    UPDATED_AT("updated_at");

    private final String column;

    CustomerSort(String column) {
        this.column = column;
    }

    /** The snake_case field name, the same in PostgreSQL and in the copy. */
    public String column() {
        return column;
    }
}

package shoptwin.store.postgres;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import shoptwin.store.CustomerSort;
import shoptwin.store.PhoneDigits;

/**
 * The customer list's WHERE and the parts of its ORDER BY that need more than a column of customers.
 * Search: name, phone or e-mail contain the text (ILIKE, the pg_trgm indexes), or, when the text is a
 * phone number as typed, the phone's digits contain its digits (the V39 expression index: this filter
 * repeats its expression exactly). Sorting by total paid or last payment joins
 * {@code shoptwin.customer_totals} and orders by its indexed columns, so a page comes from its index.
 */
final class CustomerSearchSql {
    private static final String TEXT = "name ilike ? escape '\\' or phone ilike ? escape '\\' or email ilike ? escape '\\'";
    /** Exactly the expression of customers_phone_digits_trgm_idx. */
    static final String PHONE_DIGITS = "regexp_replace(phone, '[^0-9]', '', 'g')";

    private final String text;
    private final Optional<String> digits;

    CustomerSearchSql(String text) {
        this.text = text == null ? "" : text;
        this.digits = PhoneDigits.searchDigits(this.text);
    }

    boolean filtered() {
        return !text.isEmpty();
    }

    /** " where (...)", or "" for a blank search. */
    String where() {
        if (!filtered()) {
            return "";
        }
        return " where (" + TEXT + (digits.isPresent() ? " or " + PHONE_DIGITS + " like ?" : "") + ")";
    }

    /** Binds the filter's values from {@code start}; returns the next index. */
    int bind(PreparedStatement ps, int start) throws SQLException {
        if (!filtered()) {
            return start;
        }
        String pattern = "%" + CustomersTable.escapeLike(text) + "%";
        int i = start;
        ps.setString(i++, pattern);
        ps.setString(i++, pattern);
        ps.setString(i++, pattern);
        if (digits.isPresent()) {
            ps.setString(i++, "%" + digits.get() + "%"); // digits only: nothing to escape
        }
        return i;
    }

    /** The join that the payment sorts need, or "". */
    static String join(CustomerSort sort) {
        return sort.byPayments() ? " join shoptwin.customer_totals k on k.customer_id = customers.id" : "";
    }

    /** The sort key columns the outer query orders by, or "". */
    static String keyColumns(CustomerSort sort) {
        return sort.byPayments() ? ", k.total_paid, k.last_paid_at" : "";
    }

    /**
     * ORDER BY for the payment sorts. Inside (no prefix) it names the totals table's indexed columns,
     * ties by its customer_id (the customer's id); outside it names the page's columns. A customer
     * without payments has total 0 and no last payment: first ascending, last descending.
     */
    static String orderByPayments(CustomerSort sort, boolean ascending, String prefix) {
        String dir = ascending ? "asc" : "desc";
        String table = prefix.isEmpty() ? "k." : prefix;
        String id = prefix.isEmpty() ? "k.customer_id" : prefix + "id";
        String key = table + sort.column() + " " + dir;
        if (sort == CustomerSort.LAST_PAID) {
            key += ascending ? " nulls first" : " nulls last";
        }
        return key + ", " + id + " " + dir;
    }
}

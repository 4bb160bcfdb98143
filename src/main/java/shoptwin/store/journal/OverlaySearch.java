package shoptwin.store.journal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import shoptwin.domain.Customer;
import shoptwin.store.CustomerQuery;
import shoptwin.store.CustomerSort;
import shoptwin.store.CustomerSummary;
import shoptwin.store.Page;
import shoptwin.store.PhoneDigits;

/**
 * The backup's customer list with the journal laid over it: the copy's sorted page, without the customers the
 * journal touches, merged with those customers as the overlay has them (each matched against the search and
 * placed by the same order the copy sorts by). The copy is read only around the page: a page at offset
 * {@code o} needs the copy's rows from {@code o - n} (n = the overlay's matching customers) to {@code o + limit};
 * an overlay customer sorting before that window is before the page, one after it is after the page.
 */
final class OverlaySearch {
    /** The copy's page of the query without some customers (the copy store's search with an exclusion). */
    interface CopyPages {
        Page<CustomerSummary> search(CustomerQuery query, Collection<UUID> excluding);
    }

    private OverlaySearch() {
    }

    static Page<CustomerSummary> search(CustomerQuery query, List<CustomerSummary> overlayCustomers,
            Collection<UUID> excluded, CopyPages copy) {
        Comparator<CustomerSummary> order = order(query.sort(), query.ascending());
        List<CustomerSummary> candidates = new ArrayList<>();
        for (CustomerSummary s : overlayCustomers) {
            if (matches(query.text(), s.customer())) {
                candidates.add(s);
            }
        }
        candidates.sort(order);
        int offset = query.offset();
        int limit = query.limit();
        int start = Math.max(0, offset - candidates.size());
        int end = offset + limit;
        List<CustomerSummary> window = new ArrayList<>();
        long copyTotal = -1;
        // the window may be wider than one query may ask for
        for (int from = start; from < end; ) {
            int n = Math.min(CustomerQuery.MAX_LIMIT, end - from);
            Page<CustomerSummary> p = copy.search(new CustomerQuery(query.text(), query.sort(), query.ascending(), from, n), excluded);
            copyTotal = p.total();
            window.addAll(p.items());
            if (p.items().size() < n) {
                break;
            }
            from += n;
        }
        long total = copyTotal + candidates.size();
        if (start >= copyTotal) {
            // the whole copy sorts before the window: with no copy row in it, the candidates follow all of them
            List<CustomerSummary> rest = start == 0 ? candidates : List.of();
            if (start > 0) {
                return new Page<>(List.of(), total, offset, limit);
            }
            return new Page<>(slice(rest, offset, limit), total, offset, limit);
        }
        boolean copyEnds = start + window.size() >= copyTotal;
        CustomerSummary first = window.get(0);
        CustomerSummary last = window.get(window.size() - 1);
        int before = 0;
        List<CustomerSummary> merged = new ArrayList<>(window.size() + candidates.size());
        List<CustomerSummary> inWindow = new ArrayList<>();
        for (CustomerSummary c : candidates) {
            if (start > 0 && order.compare(c, first) < 0) {
                before++;
            } else if (copyEnds || order.compare(c, last) < 0) {
                inWindow.add(c);
            }
        }
        int i = 0;
        int j = 0;
        while (i < window.size() || j < inWindow.size()) {
            if (j >= inWindow.size() || i < window.size() && order.compare(window.get(i), inWindow.get(j)) <= 0) {
                merged.add(window.get(i++));
            } else {
                merged.add(inWindow.get(j++));
            }
        }
        int firstIndex = start + before; // the merged list's first row's place in the whole list
        return new Page<>(slice(merged, offset - firstIndex, limit), total, offset, limit);
    }

    private static List<CustomerSummary> slice(List<CustomerSummary> rows, int from, int limit) {
        int a = Math.min(Math.max(0, from), rows.size());
        return rows.subList(a, Math.min(rows.size(), a + limit));
    }

    /** The copy's order: the column (missing values lowest, text in code-point order as MongoDB's binary order), then the id. */
    static Comparator<CustomerSummary> order(CustomerSort sort, boolean ascending) {
        Comparator<CustomerSummary> byKey = switch (sort) {
            case NAME -> text(s -> JournalOverlay.nameSort(s.customer().name()));
            case PHONE -> text(s -> s.customer().phone());
            case EMAIL -> text(s -> s.customer().email());
            case CREATED_AT -> Comparator.comparing((CustomerSummary s) -> s.customer().createdAt(),
                    Comparator.nullsFirst(Comparator.<Instant>naturalOrder()));
            case UPDATED_AT -> Comparator.comparing((CustomerSummary s) -> s.customer().updatedAt(),
                    Comparator.nullsFirst(Comparator.<Instant>naturalOrder()));
            case TOTAL_PAID -> Comparator.comparing(CustomerSummary::totalPaid, Comparator.nullsFirst(Comparator.<BigDecimal>naturalOrder()));
            case LAST_PAID -> Comparator.comparing(CustomerSummary::lastPaymentAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()));
        };
        Comparator<CustomerSummary> order = byKey.thenComparing(s -> s.customer().id().toString());
        return ascending ? order : order.reversed();
    }

    private static Comparator<CustomerSummary> text(Function<CustomerSummary, String> key) {
        return Comparator.comparing(key, Comparator.nullsFirst(OverlaySearch::byCodePoints));
    }

    private static int byCodePoints(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    /** The copy store's search rule, in Java: case-insensitive infix on name, phone or email, or the phone's digits. */
    static boolean matches(String text, Customer c) {
        if (text == null || text.isBlank()) {
            return true;
        }
        Pattern p = Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        for (String v : new String[] {c.name(), c.phone(), c.email()}) {
            if (v != null && p.matcher(v).find()) {
                return true;
            }
        }
        return PhoneDigits.searchDigits(text.strip())
                .map(digits -> c.phone() != null && PhoneDigits.of(c.phone()).contains(digits))
                .orElse(false);
    }
}

package shoptwin.store.postgres;

import static shoptwin.store.postgres.Transactions.instant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.store.ConflictException;
import shoptwin.store.CreatedCustomers;
import shoptwin.store.CustomerContacts;
import shoptwin.store.CustomerQuery;
import shoptwin.store.CustomerSort;
import shoptwin.store.CustomerSummary;
import shoptwin.store.DeletedCustomer;
import shoptwin.store.NotFoundException;
import shoptwin.store.Page;

/**
 * The SQL of {@code public.customers}: the searched, sorted, paged list with each row's payment
 * totals, and the optimistic create / update / delete. Every value travels as a parameter; the only
 * SQL assembled from pieces is the ORDER BY, chosen from {@link CustomerSort}.
 */
final class CustomersTable {
    private static final String COLUMNS = "id, name, phone, email, address, notes, version, created_at, updated_at";

    private final Transactions tx;

    CustomersTable(Transactions tx) {
        this.tx = tx;
    }

    Page<CustomerSummary> search(CustomerQuery query) {
        CustomerSearchSql search = new CustomerSearchSql(query.text());
        boolean filtered = search.filtered();
        String filter = search.where();
        String order = orderBy(query.sort(), query.ascending(), "");
        String outerOrder = orderBy(query.sort(), query.ascending(), "c.");
        // Totals are computed for the page's rows only (lateral join over the payments index).
        String pageSql = "select c.id, c.name, c.phone, c.email, c.address, c.notes, c.version, c.created_at,"
                + " c.updated_at, t.total_paid, t.payment_count, t.last_payment_at"
                + " from (select " + COLUMNS + ", name_sort" + CustomerSearchSql.keyColumns(query.sort())
                + " from public.customers" + CustomerSearchSql.join(query.sort()) + filter
                + " order by " + order + " offset ? limit ?) c"
                + " left join lateral (select coalesce(sum(p.amount), 0) as total_paid, count(*) as payment_count,"
                + " max(p.paid_at) as last_payment_at from public.payments p where p.customer_id = c.id) t on true"
                + " order by " + outerOrder;
        String countSql = "select count(*) from public.customers" + filter;
        boolean trigramUsable = filtered && query.text().codePointCount(0, query.text().length()) >= 3;
        return tx.read(c -> {
            if (trigramUsable) {
                // The planner prices ILIKE far too cheaply and scans the whole table for the count
                // (~10x slower at 100,000 customers) instead of OR-ing the trigram indexes.
                try (Statement s = c.createStatement()) {
                    s.execute("set local enable_seqscan = off");
                }
            }
            List<CustomerSummary> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(pageSql)) {
                int i = search.bind(ps, 1);
                ps.setInt(i++, query.offset());
                ps.setInt(i, query.limit());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(new CustomerSummary(customer(rs), rs.getBigDecimal("total_paid"),
                                rs.getLong("payment_count"), instant(rs, "last_payment_at")));
                    }
                }
            }
            long total;
            try (PreparedStatement ps = c.prepareStatement(countSql)) {
                search.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            return new Page<>(items, total, query.offset(), query.limit());
        }, "Customer");
    }

    /**
     * How many customers of the search come before {@code id} in its order, or empty when it does not match:
     * one query numbering the matches in the list's own order (the same filter and ORDER BY as a page).
     */
    java.util.OptionalLong position(CustomerQuery query, UUID id) {
        CustomerSearchSql search = new CustomerSearchSql(query.text());
        String sql = "select pos from (select customers.id, row_number() over (order by "
                + orderBy(query.sort(), query.ascending(), "") + ") - 1 as pos from public.customers"
                + CustomerSearchSql.join(query.sort()) + search.where() + ") t where t.id = ?";
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = search.bind(ps, 1);
                ps.setObject(i, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? java.util.OptionalLong.of(rs.getLong(1)) : java.util.OptionalLong.empty();
                }
            }
        }, "Customer");
    }

    /**
     * ORDER BY from the whitelist only. Text sorts use code-point order (collate "C"), like MongoDB.
     * Ascending puts missing values first and descending last (MongoDB's order); ties go by id.
     * name, created_at and updated_at are never null, so no NULLS clause there: the indexes serve them.
     */
    static String orderBy(CustomerSort sort, boolean ascending, String prefix) {
        if (sort.byPayments()) {
            return CustomerSearchSql.orderByPayments(sort, ascending, prefix);
        }
        String dir = ascending ? "asc" : "desc";
        String column = prefix + sort.column();
        String key = switch (sort) {
            case NAME, PHONE, EMAIL -> column + " collate \"C\" " + dir;
            case CREATED_AT, UPDATED_AT, TOTAL_PAID, LAST_PAID -> column + " " + dir;
        };
        if (sort == CustomerSort.PHONE || sort == CustomerSort.EMAIL) {
            key += ascending ? " nulls first" : " nulls last";
        }
        return key + ", " + prefix + "id " + dir;
    }

    /** Which of these phones (by digits) and e-mails (ignoring case) customers already have: for an import. */
    CustomerContacts existingContacts(CustomerContacts candidates) {
        return tx.read(c -> PostgresCustomerImport.existing(c, candidates), "Customer");
    }

    /** Creates validated customers in bulk (an import's batch), in one transaction. */
    CreatedCustomers createAll(List<CustomerDraft> drafts) {
        List<CustomerDraft> valid = drafts.stream().map(CustomerDraft::validated).toList();
        return tx.write(c -> PostgresCustomerImport.create(c, valid), "Customer");
    }

    /** ILIKE treats % and _ as wildcards and \ as the escape: typed text must match literally. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    Optional<Customer> get(UUID id) {
        return tx.read(c -> find(c, id), "Customer");
    }

    static Optional<Customer> find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from public.customers where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(customer(rs)) : Optional.empty();
            }
        }
    }

    Customer create(CustomerDraft draft) {
        CustomerDraft d = draft.validated();
        return tx.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into public.customers (name, phone, email, address, notes)"
                    + " values (?, ?, ?, ?, ?) returning " + COLUMNS)) {
                bind(ps, d);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return customer(rs);
                }
            }
        }, "Customer");
    }

    Customer update(UUID id, long expectedVersion, CustomerDraft draft) {
        CustomerDraft d = draft.validated();
        return tx.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("update public.customers set name = ?, phone = ?, email = ?,"
                    + " address = ?, notes = ? where id = ? and (version = ? or ? = -1) returning " + COLUMNS)) {
                int i = bind(ps, d);
                ps.setObject(i++, id);
                ps.setLong(i++, expectedVersion);
                ps.setLong(i, expectedVersion);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return customer(rs);
                    }
                }
            }
            Customer current = find(c, id).orElseThrow(() -> new NotFoundException("Customer"));
            throw new ConflictException("Customer " + current.name(), current);
        }, "Customer");
    }

    private static int bind(PreparedStatement ps, CustomerDraft d) throws SQLException {
        ps.setString(1, d.name());
        ps.setString(2, d.phone());
        ps.setString(3, d.email());
        ps.setString(4, d.address());
        ps.setString(5, d.notes());
        return 6;
    }

    int countPayments(UUID customerId) {
        return tx.read(c -> PaymentsTable.countFor(c, customerId), "Customer");
    }

    DeletedCustomer delete(UUID id) {
        return tx.write(c -> {
            // Lock the customer first: a payment being added concurrently waits (its foreign-key
            // check needs a share lock on this row), so the count is exactly what the cascade removes.
            try (PreparedStatement ps = c.prepareStatement("select id from public.customers where id = ? for update")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("Customer");
                    }
                }
            }
            int payments = PaymentsTable.countFor(c, id);
            try (PreparedStatement ps = c.prepareStatement("delete from public.customers where id = ?")) {
                ps.setObject(1, id);
                ps.executeUpdate();
            }
            return new DeletedCustomer(id, payments);
        }, "Customer");
    }

    private static Customer customer(ResultSet rs) throws SQLException {
        return new Customer(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("phone"),
                rs.getString("email"), rs.getString("address"), rs.getString("notes"), rs.getLong("version"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}

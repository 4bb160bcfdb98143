package shoptwin.store.postgres;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.domain.Shop;
import shoptwin.domain.ShopDraft;
import shoptwin.store.ConflictException;
import shoptwin.store.CreatedCustomers;
import shoptwin.store.CustomerContacts;
import shoptwin.store.TakingsRow;
import shoptwin.store.CustomerQuery;
import shoptwin.store.CustomerSort;
import shoptwin.store.CustomerSummary;
import shoptwin.store.DeletedCustomer;
import shoptwin.store.NotFoundException;
import shoptwin.store.Page;
import shoptwin.store.PaymentHistory;
import shoptwin.store.ShopStore;
import shoptwin.store.StoreException;

/**
 * The primary store: Supabase (PostgreSQL) over the {@link Database}'s pool. Every value travels
 * as a parameter; the only SQL assembled from pieces is the ORDER BY, chosen from {@link CustomerSort}.
 * Saves are optimistic: an update names the version it started from and fails with
 * {@link ConflictException} (carrying the current row) when someone else saved first. Drafts are
 * validated before any SQL runs. Change capture is the database's job (triggers), so this class
 * knows nothing about the mirror.
 */
public final class PostgresShopStore implements ShopStore {
    private static final String CUSTOMER_COLUMNS =
            "id, name, phone, email, address, notes, version, created_at, updated_at";
    private static final String PAYMENT_COLUMNS =
            "id, customer_id, amount, method, reference, note, paid_at, version, created_at, updated_at";
    private static final String SHOP_COLUMNS = "id, name, owner_name, phone, email, address, currency, timezone,"
            + " tax_id, receipt_footer, version, created_at, updated_at";
    private final Database database;
    private final DataSource dataSource;
    private final boolean ownsDatabase;

    /** A store over a database someone else closes. */
    public PostgresShopStore(Database database) {
        this(database, false);
    }

    /** @param ownsDatabase close the database (its pool) when the store is closed */
    public PostgresShopStore(Database database, boolean ownsDatabase) {
        this.database = database;
        this.dataSource = database.dataSource();
        this.ownsDatabase = ownsDatabase;
    }

    public Database database() {
        return database;
    }

    @Override
    public String describe() {
        return database.describe();
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    // ------------------------------------------------------------------ customers

    @Override
    public Page<CustomerSummary> searchCustomers(CustomerQuery query) {
        CustomerSearchSql search = new CustomerSearchSql(query.text());
        boolean filtered = search.filtered();
        String filter = search.where();
        String order = orderBy(query.sort(), query.ascending(), "");
        String outerOrder = orderBy(query.sort(), query.ascending(), "c.");
        // Totals are computed for the page's rows only (lateral join over the payments index).
        String pageSql = "select c.id, c.name, c.phone, c.email, c.address, c.notes, c.version, c.created_at,"
                + " c.updated_at, t.total_paid, t.payment_count, t.last_payment_at"
                + " from (select " + CUSTOMER_COLUMNS + ", name_sort" + CustomerSearchSql.keyColumns(query.sort())
                + " from public.customers" + CustomerSearchSql.join(query.sort()) + filter
                + " order by " + order + " offset ? limit ?) c"
                + " left join lateral (select coalesce(sum(p.amount), 0) as total_paid, count(*) as payment_count,"
                + " max(p.paid_at) as last_payment_at from public.payments p where p.customer_id = c.id) t on true"
                + " order by " + outerOrder;
        String countSql = "select count(*) from public.customers" + filter;
        boolean trigramUsable = filtered && query.text().codePointCount(0, query.text().length()) >= 3;
        return read(c -> {
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

    /** ILIKE treats % and _ as wildcards and \ as the escape: typed text must match literally. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public Optional<Customer> getCustomer(UUID id) {
        return read(c -> findCustomer(c, id), "Customer");
    }

    private static Optional<Customer> findCustomer(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + CUSTOMER_COLUMNS + " from public.customers where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(customer(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public Customer createCustomer(CustomerDraft draft) {
        CustomerDraft d = draft.validated();
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into public.customers (name, phone, email, address, notes)"
                    + " values (?, ?, ?, ?, ?) returning " + CUSTOMER_COLUMNS)) {
                bindCustomer(ps, d);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return customer(rs);
                }
            }
        }, "Customer");
    }

    @Override
    public Customer updateCustomer(UUID id, long expectedVersion, CustomerDraft draft) {
        CustomerDraft d = draft.validated();
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement("update public.customers set name = ?, phone = ?, email = ?,"
                    + " address = ?, notes = ? where id = ? and (version = ? or ? = -1) returning " + CUSTOMER_COLUMNS)) {
                int i = bindCustomer(ps, d);
                ps.setObject(i++, id);
                ps.setLong(i++, expectedVersion);
                ps.setLong(i, expectedVersion);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return customer(rs);
                    }
                }
            }
            Customer current = findCustomer(c, id).orElseThrow(() -> new NotFoundException("Customer"));
            throw new ConflictException("Customer " + current.name(), current);
        }, "Customer");
    }

    private static int bindCustomer(PreparedStatement ps, CustomerDraft d) throws SQLException {
        ps.setString(1, d.name());
        ps.setString(2, d.phone());
        ps.setString(3, d.email());
        ps.setString(4, d.address());
        ps.setString(5, d.notes());
        return 6;
    }

    @Override
    public int countPayments(UUID customerId) {
        return read(c -> countPayments(c, customerId), "Customer");
    }

    private static int countPayments(Connection c, UUID customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from public.payments where customer_id = ?")) {
            ps.setObject(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Override
    public DeletedCustomer deleteCustomer(UUID id) {
        return write(c -> {
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
            int payments = countPayments(c, id);
            try (PreparedStatement ps = c.prepareStatement("delete from public.customers where id = ?")) {
                ps.setObject(1, id);
                ps.executeUpdate();
            }
            return new DeletedCustomer(id, payments);
        }, "Customer");
    }

    @Override
    public CustomerContacts existingContacts(CustomerContacts candidates) {
        return read(c -> PostgresCustomerImport.existing(c, candidates), "Customer");
    }

    @Override
    public CreatedCustomers createCustomers(List<CustomerDraft> drafts) {
        List<CustomerDraft> valid = drafts.stream().map(CustomerDraft::validated).toList();
        return write(c -> PostgresCustomerImport.create(c, valid), "Customer");
    }

    // ------------------------------------------------------------------ payments

    @Override
    public Optional<Payment> getPayment(UUID id) {
        return read(c -> findPayment(c, id), "Payment");
    }

    @Override
    public List<TakingsRow> takings(Instant from, Instant to, java.time.ZoneId zone) {
        return read(c -> PostgresTakings.query(c, from, to, zone), "Payment");
    }

    @Override
    public PaymentHistory listPayments(UUID customerId) {
        return read(c -> {
            List<Payment> payments = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select " + PAYMENT_COLUMNS
                    + " from public.payments where customer_id = ? order by paid_at desc, id desc")) {
                ps.setObject(1, customerId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        payments.add(payment(rs));
                    }
                }
            }
            if (payments.isEmpty() && findCustomer(c, customerId).isEmpty()) {
                throw new NotFoundException("Customer");
            }
            BigDecimal total = payments.stream().map(Payment::amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
            return new PaymentHistory(payments, total);
        }, "Customer");
    }

    @Override
    public Payment createPayment(PaymentDraft draft) {
        PaymentDraft d = draft.validated();
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into public.payments (customer_id, amount, method,"
                    + " reference, note, paid_at) values (?, ?, ?, ?, ?, ?) returning " + PAYMENT_COLUMNS)) {
                bindPayment(ps, d);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return payment(rs);
                }
            }
        }, "The customer of this payment");
    }

    @Override
    public Payment updatePayment(UUID id, long expectedVersion, PaymentDraft draft) {
        PaymentDraft d = draft.validated();
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement("update public.payments set customer_id = ?, amount = ?,"
                    + " method = ?, reference = ?, note = ?, paid_at = ? where id = ? and (version = ? or ? = -1)"
                    + " returning " + PAYMENT_COLUMNS)) {
                int i = bindPayment(ps, d);
                ps.setObject(i++, id);
                ps.setLong(i++, expectedVersion);
                ps.setLong(i, expectedVersion);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return payment(rs);
                    }
                }
            }
            Payment current = findPayment(c, id).orElseThrow(() -> new NotFoundException("Payment"));
            throw new ConflictException("Payment", current);
        }, "The customer of this payment");
    }

    private static int bindPayment(PreparedStatement ps, PaymentDraft d) throws SQLException {
        ps.setObject(1, d.customerId());
        ps.setBigDecimal(2, d.amountValue());
        ps.setString(3, d.method().code());
        ps.setString(4, d.reference());
        ps.setString(5, d.note());
        ps.setObject(6, OffsetDateTime.ofInstant(d.paidAt(), java.time.ZoneOffset.UTC));
        return 7;
    }

    private static Optional<Payment> findPayment(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + PAYMENT_COLUMNS + " from public.payments where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(payment(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public void deletePayment(UUID id) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from public.payments where id = ?")) {
                ps.setObject(1, id);
                if (ps.executeUpdate() == 0) {
                    throw new NotFoundException("Payment");
                }
            }
            return null;
        }, "Payment");
    }

    // ------------------------------------------------------------------ shop

    @Override
    public Optional<Shop> getShop() {
        return read(PostgresShopStore::findShop, "Shop");
    }

    private static Optional<Shop> findShop(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + SHOP_COLUMNS + " from public.shop order by created_at limit 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(shop(rs)) : Optional.empty();
        }
    }

    @Override
    public Shop saveShop(long expectedVersion, ShopDraft draft) {
        ShopDraft d = draft.validated();
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement("update public.shop set name = ?, owner_name = ?, phone = ?,"
                    + " email = ?, address = ?, currency = ?, timezone = ?, tax_id = ?, receipt_footer = ?"
                    + " where (version = ? or ? = -1) returning " + SHOP_COLUMNS)) {
                int i = bindShop(ps, d);
                ps.setLong(i++, expectedVersion);
                ps.setLong(i, expectedVersion);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return shop(rs);
                    }
                }
            }
            Optional<Shop> current = findShop(c);
            if (current.isPresent()) {
                throw new ConflictException("The shop's settings", current.get());
            }
            // No row yet: create it. If another desktop creates it at the same moment, the
            // one-row index refuses ours (unique violation), reported as a conflict below.
            try (PreparedStatement ps = c.prepareStatement("insert into public.shop (name, owner_name, phone, email,"
                    + " address, currency, timezone, tax_id, receipt_footer) values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " returning " + SHOP_COLUMNS)) {
                bindShop(ps, d);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return shop(rs);
                }
            }
        }, "Shop");
    }

    private static int bindShop(PreparedStatement ps, ShopDraft d) throws SQLException {
        ps.setString(1, d.name());
        ps.setString(2, d.ownerName());
        ps.setString(3, d.phone());
        ps.setString(4, d.email());
        ps.setString(5, d.address());
        ps.setString(6, d.currency());
        ps.setString(7, d.timezone());
        ps.setString(8, d.taxId());
        ps.setString(9, d.receiptFooter());
        return 10;
    }

    // ------------------------------------------------------------------ plumbing

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(Work<T> work, String what) {
        return inTransaction(work, what, true);
    }

    private <T> T write(Work<T> work, String what) {
        return inTransaction(work, what, false);
    }

    /** One transaction; store exceptions thrown inside roll it back and pass through unchanged. */
    private <T> T inTransaction(Work<T> work, String what, boolean readOnly) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (readOnly) {
                    // one snapshot for a page and its count
                    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
            // HikariCP resets auto-commit and isolation when the connection goes back to the pool
        } catch (SQLException e) {
            if (isShopRowRace(e)) {
                Optional<Shop> current = getShop();
                throw new ConflictException("The shop's settings", current.orElse(null));
            }
            throw SqlErrors.translate(e, database.settings(), what);
        }
    }

    private static boolean isShopRowRace(SQLException e) {
        return "23505".equals(e.getSQLState()) && e.getMessage() != null && e.getMessage().contains("shop_one_row");
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            // the connection is likely dead; the original failure is what matters, keep both
            cause.addSuppressed(rollbackFailure);
        }
    }

    private static Customer customer(ResultSet rs) throws SQLException {
        return new Customer(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("phone"),
                rs.getString("email"), rs.getString("address"), rs.getString("notes"), rs.getLong("version"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Payment payment(ResultSet rs) throws SQLException {
        String code = rs.getString("method");
        PaymentMethod method = PaymentMethod.fromCode(code)
                .orElseThrow(() -> new StoreException("Unknown payment method in the database: " + code));
        return new Payment(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class),
                rs.getBigDecimal("amount"), method, rs.getString("reference"), rs.getString("note"),
                instant(rs, "paid_at"), rs.getLong("version"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Shop shop(ResultSet rs) throws SQLException {
        return new Shop(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("owner_name"),
                rs.getString("phone"), rs.getString("email"), rs.getString("address"), rs.getString("currency"),
                rs.getString("timezone"), rs.getString("tax_id"), rs.getString("receipt_footer"),
                rs.getLong("version"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    @Override
    public void close() {
        if (ownsDatabase) {
            database.close();
        }
    }
}

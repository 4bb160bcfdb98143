package shoptwin.reliability.campaign;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer of the fault campaign: plain SQL over its own connection, as any other client of the
 * shop's database would write (the mirror must catch those too). It only touches rows it created,
 * so an in-doubt commit can be resolved exactly by reading the row back: every write leaves a
 * unique token in a text column.
 */
final class ShopWriter implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ShopWriter.class);

    /** Names that look like attacks but are valid: they must be stored and mirrored verbatim. */
    static final List<String> NAMES = List.of(
            "Asha Patel", "Robert'); DROP TABLE customers;--", "{\"$gt\": \"\"}", "$where", "O'Brien & Sons",
            "Zoë Łukasz-Ñúñez", "王小明", "Ahmed 😀 Khan", "a.b$c", "'; drop table customers; --", "{$ne: null}",
            "back\\slash", "Fatima \"Fifi\" Noor");
    private static final List<String> METHODS = List.of("cash", "card", "upi", "bank_transfer", "other");
    private static final List<String> CURRENCIES = List.of("USD", "EUR", "INR", "GBP", "JPY");

    private final int number;
    private final String jdbcUrl;
    private final Properties connectProps;
    private final Ledger ledger;
    private final Random random;
    private final BooleanSupplier keepGoing;
    private final Pace pace;
    private final UUID shopId;

    private final List<UUID> customers = new ArrayList<>();
    private final Map<UUID, UUID> payments = new LinkedHashMap<>();
    private Connection connection;
    private long seq;
    private int connectFailures;
    private volatile Throwable failure;

    ShopWriter(int number, String jdbcUrl, Properties connectProps, Ledger ledger, long seed,
            BooleanSupplier keepGoing, Pace pace, UUID shopId) {
        this.number = number;
        this.jdbcUrl = jdbcUrl;
        this.connectProps = connectProps;
        this.ledger = ledger;
        this.random = new Random(seed);
        this.keepGoing = keepGoing;
        this.pace = pace;
        this.shopId = shopId;
    }

    Throwable failure() {
        return failure;
    }

    @Override
    public void run() {
        try {
            while (keepGoing.getAsBoolean()) {
                pace.await();
                writeOne();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
            log.error("writer {} failed", number, t);
        } finally {
            closeConnection();
        }
    }

    // ------------------------------------------------------------------ one write

    /** A write: its SQL, what it means for the ledger, and how to tell afterwards whether it committed. */
    private interface Write {
        void execute(Connection c) throws SQLException;

        /** Called once the commit is known to have happened. */
        void committed();

        /** Reads the row back: did the commit happen? */
        boolean isVisible(Connection c) throws SQLException;
    }

    private void writeOne() throws InterruptedException {
        Write w = nextWrite();
        Connection c = connect();
        try {
            w.execute(c);
        } catch (SQLException e) {
            requireConnectionProblem(e);
            ledger.countFailedBeforeCommit();
            rollbackQuietly(c);
            return;
        }
        try {
            c.commit();
        } catch (SQLException e) {
            requireConnectionProblem(e);
            closeConnection();
            // the connection died during COMMIT: ask the database what happened
            boolean committed = resolve(w);
            ledger.inDoubt(committed);
            if (committed) {
                w.committed();
            }
            return;
        }
        w.committed();
    }

    private boolean resolve(Write w) throws InterruptedException {
        while (true) {
            Connection c = connect();
            try {
                boolean visible = w.isVisible(c);
                c.commit();
                return visible;
            } catch (SQLException e) {
                requireConnectionProblem(e);
                closeConnection();
            }
        }
    }

    private Write nextWrite() {
        int dice = random.nextInt(100);
        if (customers.isEmpty() || dice < 20) {
            return createCustomer();
        }
        if (dice < 50) {
            return updateCustomer(pick(customers));
        }
        if (dice < 65) {
            return createPayment(pick(customers));
        }
        if (dice < 75 && !payments.isEmpty()) {
            return updatePayment(pickPayment());
        }
        if (dice < 80 && !payments.isEmpty()) {
            return deletePayment(pickPayment());
        }
        if (dice < 85 && customers.size() > 3) {
            return deleteCustomer(pick(customers));
        }
        if (dice < 90 && number == 0) {
            return updateShop();
        }
        return updateCustomer(pick(customers));
    }

    private String token() {
        return "w" + number + "-" + (++seq);
    }

    private Write createCustomer() {
        UUID id = UUID.randomUUID();
        String name = NAMES.get(random.nextInt(NAMES.size())) + " " + number + "." + seq;
        String phone = random.nextBoolean() ? null : "+91 98765 " + String.format("%05d", random.nextInt(100_000));
        String notes = token();
        return new Write() {
            public void execute(Connection c) throws SQLException {
                try (PreparedStatement p = c.prepareStatement(
                        "insert into public.customers (id, name, phone, notes) values (?, ?, ?, ?)")) {
                    p.setObject(1, id);
                    p.setString(2, name);
                    p.setString(3, phone);
                    p.setString(4, notes);
                    p.executeUpdate();
                }
            }

            public void committed() {
                Map<String, Object> f = new HashMap<>();
                f.put("name", name);
                f.put("phone", phone);
                f.put("notes", notes);
                ledger.put("customers", id, f);
                ledger.changes(1);
                customers.add(id);
            }

            public boolean isVisible(Connection c) throws SQLException {
                return token(c, "customers", "notes", id, notes);
            }
        };
    }

    private Write updateCustomer(UUID id) {
        String name = NAMES.get(random.nextInt(NAMES.size())) + " " + number + "." + seq;
        String notes = token();
        return new Write() {
            public void execute(Connection c) throws SQLException {
                try (PreparedStatement p = c.prepareStatement("update public.customers set name = ?, notes = ? where id = ?")) {
                    p.setString(1, name);
                    p.setString(2, notes);
                    p.setObject(3, id);
                    if (p.executeUpdate() != 1) {
                        throw new IllegalStateException("customer " + id + " vanished");
                    }
                }
            }

            public void committed() {
                Map<String, Object> f = new HashMap<>();
                f.put("name", name);
                f.put("notes", notes);
                ledger.update(id, f);
                ledger.changes(1);
            }

            public boolean isVisible(Connection c) throws SQLException {
                return token(c, "customers", "notes", id, notes);
            }
        };
    }

    private Write deleteCustomer(UUID id) {
        return new Write() {
            public void execute(Connection c) throws SQLException {
                try (PreparedStatement p = c.prepareStatement("delete from public.customers where id = ?")) {
                    p.setObject(1, id);
                    p.executeUpdate();
                }
            }

            public void committed() {
                ledger.deleted("customers", id);
                int cascaded = ledger.cascadeDelete(id);
                ledger.changes(1 + cascaded);
                customers.remove(id);
                payments.values().removeIf(id::equals);
            }

            public boolean isVisible(Connection c) throws SQLException {
                return !exists(c, "customers", id);
            }
        };
    }

    private Write createPayment(UUID customerId) {
        UUID id = UUID.randomUUID();
        BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(999_999), 2);
        String method = METHODS.get(random.nextInt(METHODS.size()));
        String note = token();
        return new Write() {
            public void execute(Connection c) throws SQLException {
                try (PreparedStatement p = c.prepareStatement(
                        "insert into public.payments (id, customer_id, amount, method, note) values (?, ?, ?, ?, ?)")) {
                    p.setObject(1, id);
                    p.setObject(2, customerId);
                    p.setBigDecimal(3, amount);
                    p.setString(4, method);
                    p.setString(5, note);
                    p.executeUpdate();
                }
            }

            public void committed() {
                Map<String, Object> f = new HashMap<>();
                f.put("customer_id", customerId);
                f.put("amount", amount);
                f.put("method", method);
                f.put("note", note);
                ledger.put("payments", id, f);
                ledger.addPayment(customerId, id);
                ledger.changes(1);
                payments.put(id, customerId);
            }

            public boolean isVisible(Connection c) throws SQLException {
                return token(c, "payments", "note", id, note);
            }
        };
    }

    private Write updatePayment(UUID id) {
        BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(999_999), 2);
        String note = token();
        return new Write() {
            public void execute(Connection c) throws SQLException {
                try (PreparedStatement p = c.prepareStatement("update public.payments set amount = ?, note = ? where id = ?")) {
                    p.setBigDecimal(1, amount);
                    p.setString(2, note);
                    p.setObject(3, id);
                    if (p.executeUpdate() != 1) {
                        throw new IllegalStateException("payment " + id + " vanished");
                    }
                }
            }

            public void committed() {
                ledger.update(id, Map.of("amount", amount, "note", note));
                ledger.changes(1);
            }

            public boolean isVisible(Connection c) throws SQLException {
                return token(c, "payments", "note", id, note);
            }
        };
    }

    private Write deletePayment(UUID id) {
        return new Write() {
            public void execute(Connection c) throws SQLException {
                try (PreparedStatement p = c.prepareStatement("delete from public.payments where id = ?")) {
                    p.setObject(1, id);
                    p.executeUpdate();
                }
            }

            public void committed() {
                ledger.deleted("payments", id);
                ledger.changes(1);
                payments.remove(id);
            }

            public boolean isVisible(Connection c) throws SQLException {
                return !exists(c, "payments", id);
            }
        };
    }

    private Write updateShop() {
        String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
        String footer = token();
        return new Write() {
            public void execute(Connection c) throws SQLException {
                try (PreparedStatement p = c.prepareStatement("update public.shop set currency = ?, receipt_footer = ? where id = ?")) {
                    p.setString(1, currency);
                    p.setString(2, footer);
                    p.setObject(3, shopId);
                    if (p.executeUpdate() != 1) {
                        throw new IllegalStateException("the shop row vanished");
                    }
                }
            }

            public void committed() {
                ledger.update(shopId, Map.of("currency", currency, "receipt_footer", footer));
                ledger.changes(1);
            }

            public boolean isVisible(Connection c) throws SQLException {
                return token(c, "shop", "receipt_footer", shopId, footer);
            }
        };
    }

    // ------------------------------------------------------------------ plumbing

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private UUID pickPayment() {
        int i = random.nextInt(payments.size());
        return payments.keySet().stream().skip(i).findFirst().orElseThrow();
    }

    private static boolean token(Connection c, String table, String column, UUID id, String token) throws SQLException {
        // table and column come from this class's constants, never from data
        try (PreparedStatement p = c.prepareStatement("select " + column + " from public." + table + " where id = ?")) {
            p.setObject(1, id);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() && token.equals(rs.getString(1));
            }
        }
    }

    private static boolean exists(Connection c, String table, UUID id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select 1 from public." + table + " where id = ?")) {
            p.setObject(1, id);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Only a lost connection (a restart) is expected here; anything else is a bug in the campaign. */
    static void requireConnectionProblem(SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"))) {
            return;
        }
        if (state == null || state.equals("25P02")) {
            return; // connection-level failures in the driver may carry no state
        }
        throw new IllegalStateException("unexpected SQL failure " + state + ": " + e.getMessage(), e);
    }

    private Connection connect() throws InterruptedException {
        while (connection == null) {
            try {
                Connection c = DriverManager.getConnection(jdbcUrl, connectProps);
                c.setAutoCommit(false);
                connection = c;
            } catch (SQLException e) {
                requireConnectionProblem(e);
                // the database is restarting: try again shortly (an in-doubt write must be resolved,
                // so there is no giving up here, only a bound against a campaign that hangs)
                if (++connectFailures > 1_200) {
                    throw new IllegalStateException("PostgreSQL stayed unreachable for minutes", e);
                }
                Thread.sleep(100);
            }
        }
        connectFailures = 0;
        return connection;
    }

    private void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            closeConnection();
        }
        try {
            if (c.isClosed() || !c.isValid(1)) {
                closeConnection();
            }
        } catch (SQLException e) {
            closeConnection();
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it was broken anyway
            }
            connection = null;
        }
    }
}

package shoptwin.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import shoptwin.domain.Customer;
import shoptwin.domain.Payment;
import shoptwin.domain.Shop;
import shoptwin.store.Dataset;

/**
 * Inserts a {@link Dataset} into a migrated PostgreSQL exactly as given (ids, versions and
 * timestamps kept: the stamping trigger's restore mode), through the capture triggers, so the
 * mirror can copy it too.
 */
public final class PostgresFixtures {
    private PostgresFixtures() {
    }

    public static void insert(DataSource dataSource, Dataset data) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement restoring = c.prepareStatement("select set_config('shoptwin.restoring', 'on', true)")) {
                restoring.execute();
            }
            if (data.shop() != null) {
                insertShop(c, data.shop());
            }
            try (PreparedStatement ps = c.prepareStatement("insert into public.customers (id, name, phone, email, address,"
                    + " notes, version, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Customer x : data.customers()) {
                    ps.setObject(1, x.id());
                    ps.setString(2, x.name());
                    ps.setString(3, x.phone());
                    ps.setString(4, x.email());
                    ps.setString(5, x.address());
                    ps.setString(6, x.notes());
                    ps.setLong(7, x.version());
                    ps.setTimestamp(8, ts(x.createdAt()));
                    ps.setTimestamp(9, ts(x.updatedAt()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into public.payments (id, customer_id, amount, method,"
                    + " reference, note, paid_at, version, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Payment p : data.payments()) {
                    ps.setObject(1, p.id());
                    ps.setObject(2, p.customerId());
                    ps.setBigDecimal(3, p.amount());
                    ps.setString(4, p.method().code());
                    ps.setString(5, p.reference());
                    ps.setString(6, p.note());
                    ps.setTimestamp(7, ts(p.paidAt()));
                    ps.setLong(8, p.version());
                    ps.setTimestamp(9, ts(p.createdAt()));
                    ps.setTimestamp(10, ts(p.updatedAt()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    private static void insertShop(Connection c, Shop s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into public.shop (id, name, owner_name, phone, email,"
                + " address, currency, timezone, tax_id, receipt_footer, version, created_at, updated_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, s.id());
            ps.setString(2, s.name());
            ps.setString(3, s.ownerName());
            ps.setString(4, s.phone());
            ps.setString(5, s.email());
            ps.setString(6, s.address());
            ps.setString(7, s.currency());
            ps.setString(8, s.timezone());
            ps.setString(9, s.taxId());
            ps.setString(10, s.receiptFooter());
            ps.setLong(11, s.version());
            ps.setTimestamp(12, ts(s.createdAt()));
            ps.setTimestamp(13, ts(s.updatedAt()));
            ps.executeUpdate();
        }
    }

    private static Timestamp ts(Instant t) {
        return t == null ? null : Timestamp.from(t);
    }
}

package shoptwin.store.postgres;

import static shoptwin.store.postgres.Transactions.instant;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.store.ConflictException;
import shoptwin.store.NotFoundException;
import shoptwin.store.PaymentHistory;
import shoptwin.store.StoreException;
import shoptwin.store.TakingsRow;

/** The SQL of {@code public.payments}: a customer's history with its total, and the optimistic writes. */
final class PaymentsTable {
    private static final String COLUMNS = "id, customer_id, amount, method, reference, note, paid_at, version, created_at, updated_at";

    private final Transactions tx;

    PaymentsTable(Transactions tx) {
        this.tx = tx;
    }

    PaymentHistory list(UUID customerId) {
        return tx.read(c -> {
            List<Payment> payments = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                    + " from public.payments where customer_id = ? order by paid_at desc, id desc")) {
                ps.setObject(1, customerId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        payments.add(payment(rs));
                    }
                }
            }
            if (payments.isEmpty() && CustomersTable.find(c, customerId).isEmpty()) {
                throw new NotFoundException("Customer");
            }
            BigDecimal total = payments.stream().map(Payment::amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
            return new PaymentHistory(payments, total);
        }, "Customer");
    }

    /** How many payments a customer has, inside the caller's transaction. */
    static int countFor(Connection c, UUID customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from public.payments where customer_id = ?")) {
            ps.setObject(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    Payment create(PaymentDraft draft) {
        PaymentDraft d = draft.validated();
        return tx.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into public.payments (customer_id, amount, method,"
                    + " reference, note, paid_at) values (?, ?, ?, ?, ?, ?) returning " + COLUMNS)) {
                bind(ps, d);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return payment(rs);
                }
            }
        }, "The customer of this payment");
    }

    Payment update(UUID id, long expectedVersion, PaymentDraft draft) {
        PaymentDraft d = draft.validated();
        return tx.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("update public.payments set customer_id = ?, amount = ?,"
                    + " method = ?, reference = ?, note = ?, paid_at = ? where id = ? and (version = ? or ? = -1)"
                    + " returning " + COLUMNS)) {
                int i = bind(ps, d);
                ps.setObject(i++, id);
                ps.setLong(i++, expectedVersion);
                ps.setLong(i, expectedVersion);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return payment(rs);
                    }
                }
            }
            Payment current = find(c, id).orElseThrow(() -> new NotFoundException("Payment"));
            throw new ConflictException("Payment", current);
        }, "The customer of this payment");
    }

    private static int bind(PreparedStatement ps, PaymentDraft d) throws SQLException {
        ps.setObject(1, d.customerId());
        ps.setBigDecimal(2, d.amountValue());
        ps.setString(3, d.method().code());
        ps.setString(4, d.reference());
        ps.setString(5, d.note());
        ps.setObject(6, Transactions.timestamptz(d.paidAt()));
        return 7;
    }

    Optional<Payment> get(UUID id) {
        return tx.read(c -> find(c, id), "Payment");
    }

    /** Payments with paid_at in [from, to), grouped by the shop's day and method (Takings). */
    List<TakingsRow> takings(Instant from, Instant to, ZoneId zone) {
        return tx.read(c -> PostgresTakings.query(c, from, to, zone), "Payment");
    }

    private static Optional<Payment> find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from public.payments where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(payment(rs)) : Optional.empty();
            }
        }
    }

    void delete(UUID id) {
        tx.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from public.payments where id = ?")) {
                ps.setObject(1, id);
                if (ps.executeUpdate() == 0) {
                    throw new NotFoundException("Payment");
                }
            }
            return null;
        }, "Payment");
    }

    private static Payment payment(ResultSet rs) throws SQLException {
        String code = rs.getString("method");
        PaymentMethod method = PaymentMethod.fromCode(code)
                .orElseThrow(() -> new StoreException("Unknown payment method in the database: " + code));
        return new Payment(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class),
                rs.getBigDecimal("amount"), method, rs.getString("reference"), rs.getString("note"),
                instant(rs, "paid_at"), rs.getLong("version"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}

package shoptwin.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import shoptwin.domain.PaymentMethod;
import shoptwin.store.StoreException;
import shoptwin.store.TakingsRow;

/**
 * Daily takings in SQL: payments in [from, to) (index payments_paid_at_idx), grouped by the date of
 * {@code paid_at at time zone <the shop's zone>} and method, summed as numeric: no rounding anywhere.
 */
final class PostgresTakings {
    private static final String SQL = "select (paid_at at time zone ?)::date as day, method, count(*) as n, sum(amount) as total"
            + " from public.payments where paid_at >= ? and paid_at < ? group by 1, 2 order by 1, 2";

    private PostgresTakings() {
    }

    static List<TakingsRow> query(Connection c, Instant from, Instant to, ZoneId zone) throws SQLException {
        List<TakingsRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setString(1, zone.getId());
            ps.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String code = rs.getString("method");
                    PaymentMethod method = PaymentMethod.fromCode(code)
                            .orElseThrow(() -> new StoreException("Unknown payment method in the database: " + code));
                    rows.add(new TakingsRow(rs.getObject("day", java.time.LocalDate.class), method, rs.getLong("n"),
                            rs.getBigDecimal("total")));
                }
            }
        }
        return rows;
    }
}

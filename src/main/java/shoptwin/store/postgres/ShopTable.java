package shoptwin.store.postgres;

import static shoptwin.store.postgres.Transactions.instant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import shoptwin.domain.Shop;
import shoptwin.domain.ShopDraft;
import shoptwin.store.ConflictException;

/** The SQL of {@code public.shop}, which holds exactly one row: read it, create it on the first save, update it optimistically. */
final class ShopTable {
    private static final String COLUMNS = "id, name, owner_name, phone, email, address, currency, timezone,"
            + " tax_id, receipt_footer, version, created_at, updated_at";

    private final Transactions tx;

    ShopTable(Transactions tx) {
        this.tx = tx;
    }

    Optional<Shop> get() {
        return tx.read(ShopTable::find, "Shop");
    }

    private static Optional<Shop> find(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from public.shop order by created_at limit 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(shop(rs)) : Optional.empty();
        }
    }

    Shop save(long expectedVersion, ShopDraft draft) {
        ShopDraft d = draft.validated();
        return tx.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("update public.shop set name = ?, owner_name = ?, phone = ?,"
                    + " email = ?, address = ?, currency = ?, timezone = ?, tax_id = ?, receipt_footer = ?"
                    + " where (version = ? or ? = -1) returning " + COLUMNS)) {
                int i = bind(ps, d);
                ps.setLong(i++, expectedVersion);
                ps.setLong(i, expectedVersion);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return shop(rs);
                    }
                }
            }
            Optional<Shop> current = find(c);
            if (current.isPresent()) {
                throw new ConflictException("The shop's settings", current.get());
            }
            // No row yet: create it. If another desktop creates it at the same moment, the
            // one-row index refuses ours (unique violation), reported as a conflict below.
            try (PreparedStatement ps = c.prepareStatement("insert into public.shop (name, owner_name, phone, email,"
                    + " address, currency, timezone, tax_id, receipt_footer) values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " returning " + COLUMNS)) {
                bind(ps, d);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return shop(rs);
                }
            }
        }, "Shop", e -> isShopRowRace(e) ? new ConflictException("The shop's settings", get().orElse(null)) : null);
    }

    private static boolean isShopRowRace(SQLException e) {
        return "23505".equals(e.getSQLState()) && e.getMessage() != null && e.getMessage().contains("shop_one_row");
    }

    private static int bind(PreparedStatement ps, ShopDraft d) throws SQLException {
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

    private static Shop shop(ResultSet rs) throws SQLException {
        return new Shop(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("owner_name"),
                rs.getString("phone"), rs.getString("email"), rs.getString("address"), rs.getString("currency"),
                rs.getString("timezone"), rs.getString("tax_id"), rs.getString("receipt_footer"),
                rs.getLong("version"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}

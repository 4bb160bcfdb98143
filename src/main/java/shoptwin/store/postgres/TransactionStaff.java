package shoptwin.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import shoptwin.store.Staff;

/**
 * Tells the capture trigger who is writing: transaction-local settings ({@code set_config(..., true)}),
 * read by {@code shoptwin.capture_change()} into {@code change_log.actor}. Transaction-local on purpose:
 * through Supabase's transaction pooler a session setting would be seen by other clients' transactions
 * on the same server connection; a local one ends with the transaction. Costs one round trip per write
 * transaction (the BEGIN travels with it). Call it first in the transaction, with autocommit off.
 */
public final class TransactionStaff {
    /** The settings the trigger reads. */
    public static final String NAME = "shoptwin.staff";
    public static final String HOST = "shoptwin.staff_host";
    public static final String VIA = "shoptwin.staff_via";

    private TransactionStaff() {
    }

    /** Sets who writes for the rest of the caller's transaction; a null staff sets nothing. */
    public static void set(Connection c, Staff staff) throws SQLException {
        if (staff == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("select set_config('" + NAME + "', ?, true), set_config('" + HOST
                + "', ?, true), set_config('" + VIA + "', ?, true)")) {
            ps.setString(1, staff.name() == null ? "" : staff.name());
            ps.setString(2, staff.host() == null ? "" : staff.host());
            ps.setString(3, staff.via() == null ? "" : staff.via());
            ps.execute();
        }
    }
}

package shoptwin.store.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import shoptwin.store.Staff;

/**
 * One transaction per store call, over the {@link Database}'s pool: store exceptions thrown inside
 * roll it back and pass through unchanged; SQL failures become store exceptions that name
 * {@code what} and never a password ({@link SqlErrors}). Every write transaction first says who writes
 * ({@link TransactionStaff}), so the change log records the person. Also the column conversions every
 * table shares.
 */
final class Transactions {
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Database database;
    private final DataSource dataSource;
    private final Supplier<Staff> staff;

    Transactions(Database database, Supplier<Staff> staff) {
        this.database = database;
        this.dataSource = database.dataSource();
        this.staff = staff;
    }

    /** One snapshot (repeatable read), so a page and its count agree. */
    <T> T read(Work<T> work, String what) {
        return inTransaction(work, what, true, e -> null);
    }

    <T> T write(Work<T> work, String what) {
        return inTransaction(work, what, false, e -> null);
    }

    /**
     * @param known what a failure this table understands better means, tried before the general
     *              translation once the transaction has rolled back; null when it does not apply
     */
    <T> T write(Work<T> work, String what, Function<SQLException, RuntimeException> known) {
        return inTransaction(work, what, false, known);
    }

    private <T> T inTransaction(Work<T> work, String what, boolean readOnly, Function<SQLException, RuntimeException> known) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (readOnly) {
                    // one snapshot for a page and its count
                    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                } else {
                    TransactionStaff.set(c, staff.get());
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
            RuntimeException meaning = known.apply(e);
            if (meaning != null) {
                throw meaning;
            }
            throw SqlErrors.translate(e, database.settings(), what);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            // the connection is likely dead; the original failure is what matters, keep both
            cause.addSuppressed(rollbackFailure);
        }
    }

    // ---- columns

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime timestamptz(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}

package shoptwin.store.postgres;

import com.zaxxer.hikari.pool.HikariPool;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import shoptwin.config.PostgresSettings;
import shoptwin.config.Secrets;
import shoptwin.domain.ValidationException;
import shoptwin.store.NotFoundException;
import shoptwin.store.StoreException;
import shoptwin.store.StoreUnavailableException;

/**
 * Turns JDBC failures into the store's exceptions, with short messages a person can act on and
 * no password in them. Shared by everything that talks to the primary (store, mirror, status).
 */
public final class SqlErrors {
    private SqlErrors() {
    }

    /**
     * True when the database could not be reached or the session died: SQLState class 08, the
     * server shutting down (57P01-57P03), login refused (class 28, 3D000), or HikariCP's timeout
     * waiting for a connection.
     */
    public static boolean isConnectionFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof HikariPool.PoolInitializationException
                    || t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("28") || state.equals("3D000")
                        || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** "cannot reach Supabase at host:port/db: connection refused", masked. */
    public static StoreUnavailableException unavailable(Throwable error, PostgresSettings settings) {
        String message = "cannot reach Supabase at " + settings.describe() + ": " + reason(error);
        return new StoreUnavailableException(mask(message, settings), error);
    }

    /**
     * The store exception for a failed statement. {@code what} names the record for not-found
     * messages ("Customer").
     */
    public static RuntimeException translate(SQLException error, PostgresSettings settings, String what) {
        if (isConnectionFailure(error)) {
            return unavailable(error, settings);
        }
        String state = error.getSQLState() == null ? "" : error.getSQLState();
        ServerErrorMessage server = error instanceof PSQLException p ? p.getServerErrorMessage() : null;
        switch (state) {
            case "23514", "23502", "22001" -> {
                String column = columnOf(server);
                return new ValidationException(column, "check",
                        label(column) + " was refused by the database (" + shortMessage(server, error, settings) + ").");
            }
            case "22P02" -> {
                return new ValidationException(columnOf(server), "format", mask(
                        "A value has the wrong format: " + shortMessage(server, error, settings), settings));
            }
            case "23503" -> {
                return new NotFoundException(what);
            }
            case "40001", "40P01" -> {
                return new StoreException("Supabase was busy with a conflicting change: try again.", error);
            }
            case "57014" -> {
                return new StoreUnavailableException(mask("Supabase did not answer in time ("
                        + settings.describe() + ")", settings), error);
            }
            default -> {
                return new StoreException(mask("Supabase refused the request: " + shortMessage(server, error, settings),
                        settings), error);
            }
        }
    }

    /** Why a connection failed, in a few words. */
    static String reason(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        for (Throwable t : chain) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof SocketTimeoutException) {
                return "connection timed out";
            }
            if (t instanceof SSLException) {
                return "TLS failed: " + t.getMessage();
            }
        }
        for (Throwable t : chain) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
                ServerErrorMessage m = p.getServerErrorMessage();
                String state = p.getSQLState() == null ? "" : p.getSQLState();
                if (state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return "the server is shutting down or starting up (" + m.getMessage() + ")";
                }
                return m.getMessage();
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SQLTransientConnectionException) {
                return "no connection within the timeout (" + firstLine(t.getMessage()) + ")";
            }
        }
        Throwable root = chain.get(chain.size() - 1);
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : firstLine(root.getMessage());
        return msg.toLowerCase(Locale.ROOT).contains("connection attempt failed") ? "connection failed" : msg;
    }

    private static String columnOf(ServerErrorMessage server) {
        if (server == null) {
            return "value";
        }
        if (server.getColumn() != null) {
            return server.getColumn();
        }
        String constraint = server.getConstraint();
        String table = server.getTable();
        if (constraint != null) {
            // PostgreSQL names column checks <table>_<column>_check
            String c = constraint;
            if (table != null && c.startsWith(table + "_")) {
                c = c.substring(table.length() + 1);
            }
            if (c.endsWith("_check")) {
                c = c.substring(0, c.length() - "_check".length());
            }
            return c;
        }
        return "value";
    }

    private static String shortMessage(ServerErrorMessage server, SQLException error, PostgresSettings settings) {
        String text = server != null && server.getMessage() != null ? server.getMessage() : firstLine(error.getMessage());
        return mask(text, settings);
    }

    private static String label(String column) {
        String l = column.replace('_', ' ');
        return l.isEmpty() ? "A value" : Character.toUpperCase(l.charAt(0)) + l.substring(1);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    static String mask(String text, PostgresSettings settings) {
        List<String> known = new ArrayList<>();
        if (settings.password() != null) {
            known.add(settings.password());
        }
        return Secrets.mask(Secrets.maskAll(text), known);
    }
}

package dk.gennemsyn.platform.db;

import io.micronaut.data.connection.exceptions.ConnectionException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a failure of the database itself (down, restarting, refusing connections, pool exhausted waiting for
 * one) from a failure of the work: the first is worth waiting out (an HTTP 503 with Retry-After; an event kept
 * and tried again without spending its delivery attempts), the second is not.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Micronaut's ConnectionException: a connection could not be had or prepared (e.g. the pool handed out
            // one the server had dropped: "Connection is closed", no SQL state).
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectException
                    || t instanceof ConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && unavailable(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** 08xxx connection exceptions; 57P01-57P03 admin/crash shutdown and "cannot connect now" (starting up). */
    private static boolean unavailable(String state) {
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }
}

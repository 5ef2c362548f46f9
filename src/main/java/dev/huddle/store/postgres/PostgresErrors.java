package dev.huddle.store.postgres;

import dev.huddle.store.StoreException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Sorts PostgreSQL failures by SQLSTATE into what the caller can do about them, keeping the cause
 * (style rule 12): serialization failures, deadlocks and lock timeouts are {@code Busy} (the
 * store retries them); connection failures are {@code Unavailable} with one line naming the
 * server and what to do; everything else is a {@code Failure}.
 */
final class PostgresErrors {

    private PostgresErrors() {}

    static StoreException classify(SQLException e, PostgresUrl url) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String detail = firstLine(e.getMessage());
        String where = url.display();
        if (isBusy(state)) {
            return new StoreException.Busy("store " + where + " is busy: " + detail, e);
        }
        if (isConnectionLost(state)) {
            return new StoreException.Unavailable("lost the connection to PostgreSQL at " + url.hostAndPort()
                    + " (" + detail + ")", e);
        }
        return switch (state) {
            case "25006" -> new StoreException.Failure("store " + where + ": a read tried to write (" + detail + ")", e);
            case "53100" -> new StoreException.Full("store " + where + " cannot save changes: the PostgreSQL server's"
                    + " disk is full (" + detail + "); free space there and run the command again", e);
            default -> new StoreException.Failure("store " + where + " failed: " + detail, e);
        };
    }

    /** The one line for a connection that could not be opened: server down, bad credentials, no such database. */
    static StoreException connecting(SQLException e, PostgresUrl url) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String server = url.hostAndPort();
        if (causedBy(e, ConnectException.class)) {
            return new StoreException.Unavailable("cannot reach PostgreSQL at " + server
                    + " (connection refused): start the server or fix HUDDLE_DB", e);
        }
        if (causedBy(e, UnknownHostException.class)) {
            return new StoreException.Unavailable("cannot reach PostgreSQL at " + server
                    + " (unknown host): fix the host in HUDDLE_DB", e);
        }
        return switch (state) {
            case "28P01", "28000" -> new StoreException.Unavailable("PostgreSQL at " + server + " refused user '"
                    + url.user() + "' (" + firstLine(e.getMessage()) + "): check the user and password in HUDDLE_DB", e);
            case "3D000" -> new StoreException.Unavailable("database '" + url.database() + "' does not exist on "
                    + "PostgreSQL at " + server + ": create it with `createdb -h " + url.properties().getProperty("PGHOST")
                    + " -p " + url.properties().getProperty("PGPORT", "5432") + " -U " + url.user() + " "
                    + url.database() + "` (or CREATE DATABASE \"" + url.database() + "\")", e);
            case "57P03", "55000" -> notAcceptingNow(state, e, url);
            default -> state.startsWith("08") || state.startsWith("57P") || state.isEmpty()
                    ? new StoreException.Unavailable("cannot reach PostgreSQL at " + server + " ("
                            + firstLine(e.getMessage()) + ")", e)
                    : classify(e, url);
        };
    }

    /**
     * A server that is up but takes no sessions now: 57P03 while it starts, recovers or shuts down
     * (a restart), 55000 at connect for a database whose connections are switched off.
     */
    private static StoreException notAcceptingNow(String state, SQLException e, PostgresUrl url) {
        String why = state.equals("55000") ? "its connections are switched off"
                : firstLine(e.getMessage()).replaceFirst("^FATAL:\\s*", "");
        return new StoreException.Unavailable("PostgreSQL at " + url.hostAndPort() + " is not accepting connections to"
                + " database '" + url.database() + "' right now (" + why + "): try again in a moment", e);
    }

    static boolean isBusy(String state) {
        return state.equals("40001") || state.equals("40P01") || state.equals("55P03");
    }

    /**
     * Class 08 (connection exception) and the server ending the session: 57P01 admin shutdown
     * (pg_terminate_backend, a restart), 57P02 crash shutdown, 57P03 cannot connect now.
     */
    static boolean isConnectionLost(String state) {
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }

    static boolean isConnectionLost(SQLException e) {
        return isConnectionLost(e.getSQLState() == null ? "" : e.getSQLState());
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}

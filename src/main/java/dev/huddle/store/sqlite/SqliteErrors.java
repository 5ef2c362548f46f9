package dev.huddle.store.sqlite;

import dev.huddle.store.StoreException;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Sorts SQLite failures by what the caller can do about them, keeping the cause (style rule 12). */
final class SqliteErrors {

    private SqliteErrors() {}

    static StoreException classify(SQLException e, String location) {
        int primary = primaryCode(e);
        String detail = e.getMessage() == null ? "" : e.getMessage();
        return switch (primary) {
            case 5, 6 -> new StoreException.Busy("store " + location + " is busy: " + detail, e);
            case 11, 26 -> new StoreException.Corrupt("store " + location
                    + " is not a valid Huddle database (" + reason(primary) + "); move it aside and restore a copy"
                    + " made with 'huddle backup', or delete it to start empty", e);
            case 8 -> new StoreException.ReadOnly("store " + location
                    + " is read-only (read-only filesystem or permissions): reading works, changes cannot be saved", e);
            case 14 -> new StoreException.Unavailable("cannot open store " + location
                    + ": check that its directory exists and is writable", e);
            case 13 -> new StoreException.Failure("store " + location + " cannot grow: the disk is full", e);
            default -> new StoreException.Failure("store " + location + " failed: " + detail, e);
        };
    }

    static int primaryCode(SQLException e) {
        if (e instanceof SQLiteException s && s.getResultCode() != SQLiteErrorCode.UNKNOWN_ERROR) {
            return s.getResultCode().code & 0xff;
        }
        return e.getErrorCode() & 0xff;
    }

    private static String reason(int code) {
        return code == 26 ? "file is not a database" : "database disk image is malformed";
    }
}

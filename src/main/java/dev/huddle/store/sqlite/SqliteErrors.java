package dev.huddle.store.sqlite;

import dev.huddle.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Sorts SQLite failures by what the caller can do about them, keeping the cause (style rule 12). */
final class SqliteErrors {

    /**
     * Below this much free space an I/O error is taken for a full disk: SQLite reports a full disk
     * as SQLITE_FULL only for its own writes; growing the shared-memory index (32 KiB) or syncing
     * fails as a plain I/O error, whose errno the driver does not pass on.
     */
    static final long LOW_SPACE_BYTES = 1L << 20;

    private static final int READONLY = 8;
    private static final int IOERR = 10;
    private static final int CANTOPEN = 14;
    private static final int FULL = 13;

    private SqliteErrors() {}

    static StoreException classify(SQLException e, String location) {
        int primary = primaryCode(e);
        String detail = e.getMessage() == null ? "" : e.getMessage();
        if (primary == FULL || primary == IOERR && lowOnSpace(location)) {
            return full(location, e);
        }
        return switch (primary) {
            case 5, 6 -> new StoreException.Busy("store " + location + " is busy: " + detail, e);
            case 11, 26 -> new StoreException.Corrupt("store " + location
                    + " is not a valid Huddle database (" + reason(primary) + "); move it aside and restore a copy"
                    + " made with 'huddle backup', or delete it to start empty", e);
            case READONLY -> new StoreException.ReadOnly("store " + location
                    + " is read-only (read-only filesystem or permissions): reading works, changes cannot be saved", e);
            case CANTOPEN -> new StoreException.Unavailable("cannot open store " + location
                    + ": check that its directory exists and is writable", e);
            default -> new StoreException.Failure("store " + location + " failed: " + detail, e);
        };
    }

    /** The one line a user reads when a change cannot be saved for want of space: what, where, what to do. */
    static StoreException.Full full(String location, Throwable cause) {
        Path dir = directory(location);
        return new StoreException.Full("store " + location + " cannot save changes: the disk is full ("
                + free(dir) + " free in " + dir + "). Free space there (or point HUDDLE_DB at a store on another"
                + " disk) and run the command again; reading still works", cause);
    }

    /**
     * Whether the failure comes from something a reader of a WAL database may have to write (the
     * -shm index, the -wal file): a full disk, a read-only file or directory, an I/O error. A read
     * that failed so can be retried on a connection that writes nothing.
     */
    static boolean cannotWrite(StoreException e) {
        if (!(e.getCause() instanceof SQLException s)) {
            return false;
        }
        int primary = primaryCode(s);
        return primary == READONLY || primary == IOERR || primary == FULL || primary == CANTOPEN;
    }

    /** A writable directory with almost no space left (a read-only file system may report none free). */
    static boolean lowOnSpace(String location) {
        Path dir = directory(location);
        long usable = usableSpace(dir);
        return usable >= 0 && usable < LOW_SPACE_BYTES && Files.isWritable(dir);
    }

    static int primaryCode(SQLException e) {
        if (e instanceof SQLiteException s && s.getResultCode() != SQLiteErrorCode.UNKNOWN_ERROR) {
            return s.getResultCode().code & 0xff;
        }
        return e.getErrorCode() & 0xff;
    }

    private static Path directory(String location) {
        Path file = Path.of(location);
        return file.getParent() == null ? file.toAbsolutePath().getParent() : file.getParent();
    }

    /** Usable bytes on the file system holding {@code dir}, or -1 when that cannot be told. */
    private static long usableSpace(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException | RuntimeException unknown) {
            return -1;
        }
    }

    private static String free(Path dir) {
        long bytes = usableSpace(dir);
        return bytes < 0 ? "unknown space" : bytes < 1024 ? bytes + " bytes" : (bytes >> 10) + " KiB";
    }

    private static String reason(int code) {
        return code == 26 ? "file is not a database" : "database disk image is malformed";
    }
}

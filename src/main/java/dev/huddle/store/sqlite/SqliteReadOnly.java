package dev.huddle.store.sqlite;

import dev.huddle.store.StoreException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * A connection that reads the store without writing a byte, for when a normal one cannot even read:
 * on a full disk, SQLite's first reader must grow the shared-memory index (-shm) to 32 KiB, and that
 * write fails. Two ways, tried in order:
 * <ul>
 *   <li>{@code readonly_shm}: the -shm file is only read (created empty first if missing, which
 *       takes a directory entry, not space); with no writer around to vouch for it, SQLite reads
 *       the WAL into its own memory instead, under its usual locks, so committed changes still in
 *       the -wal file are seen and a writer starting meanwhile is noticed.</li>
 *   <li>{@code immutable}, when not even an empty -shm can be created and there is no (or an empty)
 *       -wal: the database file then holds every committed change, and nothing else is looked at.</li>
 * </ul>
 * Anything else (a WAL with changes but no index) is reported as the original failure.
 */
final class SqliteReadOnly {

    private static final int BUSY_TIMEOUT_MS = 5_000;

    private SqliteReadOnly() {}

    /** A reading-only connection, or {@code failure} (with what went wrong added) when none can read. */
    static Connection open(Path file, String location, StoreException failure) {
        String query = shmExists(location) ? "mode=ro&readonly_shm=1"
                : walIsEmpty(location) ? "mode=ro&immutable=1" : null;
        if (query == null) {
            throw failure;
        }
        try {
            String address = uri(file.toString(), query);
            Connection c = new JDBC4Connection("jdbc:sqlite:" + address, address, SqliteStore.connectionProperties());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
                if (SqliteSchema.version(c) != SqliteSchema.MIGRATIONS.size()) {
                    // An older store must be migrated before this Huddle can read it: that is a write.
                    c.close();
                    throw failure;
                }
                return c;
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
            throw failure;
        }
    }

    /**
     * A SQLite URI filename for {@code path} with the query {@code query}: the characters that end a
     * URI path or start an escape ({@code ? # %}) are percent-encoded.
     */
    static String uri(String path, String query) {
        String escaped = path.replace("%", "%25").replace("?", "%3f").replace("#", "%23");
        return "file:" + escaped + "?" + query;
    }

    /** Whether the -shm file exists, creating it empty (0600, as SQLite would) when it does not. */
    private static boolean shmExists(String location) {
        Path shm = Path.of(location + "-shm");
        try {
            Files.createFile(shm, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return true;
        } catch (FileAlreadyExistsException exists) {
            return !Files.isSymbolicLink(shm);
        } catch (IOException | UnsupportedOperationException cannot) {
            return false;
        }
    }

    private static boolean walIsEmpty(String location) {
        try {
            Path wal = Path.of(location + "-wal");
            return !Files.exists(wal) || Files.size(wal) == 0;
        } catch (IOException unknown) {
            return false;
        }
    }
}

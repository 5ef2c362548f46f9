package dev.huddle.store.sqlite;

import dev.huddle.core.HuddleException;
import dev.huddle.store.Backoff;
import dev.huddle.store.PrivateFiles;
import dev.huddle.store.Store;
import dev.huddle.store.StoreException;
import dev.huddle.store.Tx;
import dev.huddle.store.Written;
import dev.huddle.store.sql.SqlBatch;
import dev.huddle.store.sql.SqlTx;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * The embedded store: one SQLite file in WAL mode. Writers serialise through
 * {@code BEGIN IMMEDIATE} (a deferred transaction that upgrades gets SQLITE_BUSY at once, without
 * the busy handler), wait in SQLite's busy handler, and are retried with backoff when BUSY still
 * escapes. One connection per store; a store belongs to one thread at a time.
 */
public final class SqliteStore implements Store {

    private static final int BUSY_TIMEOUT_MS = 5_000;
    private static final int MAX_ATTEMPTS = 6;

    private final Path file;
    private final String location;
    private Connection connection;
    /** The statements of {@link #connection}, kept while it is open. */
    private Jdbc jdbc;
    /** Whether {@link #connection} was opened for reading only, after a normal one could not read. */
    private boolean readingOnly;
    private PreparedStatement dataVersion;

    /** A store at {@code file}, opened on first use and created (with its directory) when missing. */
    public SqliteStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.location = this.file.toString();
    }

    @Override
    public <T> T write(Function<Tx, T> work) {
        return transact(work, result -> true);
    }

    /** All in one transaction, each work in a savepoint ({@link SqlBatch}). */
    @Override
    public List<Written> writeEach(List<? extends Function<Tx, ?>> works) {
        return transact(tx -> SqlBatch.runEach(tx, works, SqlBatch.Last.SENT), SqlBatch::anyDone);
    }

    @Override
    public <T> T rehearse(Function<Tx, T> work) {
        return transact(work, result -> false);
    }

    /**
     * Reads never need to write. A reader of a WAL database normally writes the shared-memory index
     * (-shm) and may create the -wal file; on a full disk or a read-only file that fails, so the read
     * is retried once on a connection that writes nothing ({@link SqliteReadOnly}).
     */
    @Override
    public <T> T read(Function<Tx, T> work) {
        try {
            connection();
            return readIn(work);
        } catch (StoreException e) {
            if (readingOnly || !SqliteErrors.cannotWrite(e)) {
                throw e;
            }
            close();
            use(SqliteReadOnly.open(file, location, e));
            readingOnly = true;
            return readIn(work);
        }
    }

    private <T> T readIn(Function<Tx, T> work) {
        jdbc.exec("BEGIN");
        try {
            return work.apply(transaction());
        } finally {
            rollbackQuietly();
        }
    }

    /** SQLite's own change counter: {@code PRAGMA data_version} moves when another connection commits. */
    @Override
    public long changes() {
        try {
            if (dataVersion == null) {
                dataVersion = connection().prepareStatement("PRAGMA data_version");
            }
            try (ResultSet rs = dataVersion.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw SqliteErrors.classify(e, location);
        }
    }

    /** Runs {@code work} in a write transaction, committed when {@code keep} says so of its result (else rolled back). */
    private <T> T transact(Function<Tx, T> work, Predicate<? super T> keep) {
        if (readingOnly) {
            // An earlier read fell back to reading only; space may have been freed since.
            close();
        }
        connection();
        WriteGate.enter(file, location);
        try {
            return transactInGate(work, keep);
        } finally {
            WriteGate.leave(file);
        }
    }

    private <T> T transactInGate(Function<Tx, T> work, Predicate<? super T> keep) {
        StoreException.Busy last = null;
        long waitedMs = 0;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            long start = System.nanoTime();
            try {
                jdbc.exec("BEGIN IMMEDIATE");
                T result = work.apply(transaction());
                jdbc.exec(keep.test(result) ? "COMMIT" : "ROLLBACK");
                return result;
            } catch (StoreException.Busy busy) {
                last = busy;
                rollbackQuietly();
                waitedMs += (System.nanoTime() - start) / 1_000_000 + Backoff.pause(attempt);
            } catch (RuntimeException | Error e) {
                rollbackQuietly();
                throw e;
            }
        }
        throw new StoreException.Busy("store " + location + " stayed busy: waited " + waitedMs + " ms over "
                + MAX_ATTEMPTS + " attempts; another process holds a long write transaction", last);
    }

    /** The SQL texts this store has prepared on its connection (for QueryPlanTest). */
    Set<String> preparedTexts() {
        return jdbc == null ? Set.of() : jdbc.preparedTexts();
    }

    private Connection connection() {
        if (connection == null) {
            use(open());
        }
        return connection;
    }

    private void use(Connection c) {
        connection = c;
        jdbc = new Jdbc(c, location);
    }

    /**
     * The table families for one transaction over the connection's kept statements: what a family
     * remembers in a transaction (the agent rows a batch read ahead) is then forgotten with it, as
     * on PostgreSQL. One set for the connection's life answered a later transaction's lookups from
     * an earlier one's rows, which another connection may have changed since.
     */
    private SqlTx transaction() {
        return new SqlTx(jdbc, SqliteDialect.SQLITE);
    }

    private Connection open() {
        SqliteNativeLibrary.prepare();
        boolean fresh = !Files.exists(file);
        if (fresh) {
            createParent();
            createPrivateFile();
        }
        try {
            // The connection class directly, not org.sqlite.JDBC: that one registers with
            // DriverManager, whose service-loader scan costs milliseconds of every cold start.
            String address = address(fresh);
            Connection c = new JDBC4Connection("jdbc:sqlite:" + address, address, SqliteStore.connectionProperties());
            try {
                exec(c, "PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
                exec(c, "PRAGMA foreign_keys = ON");
                exec(c, "PRAGMA synchronous = NORMAL");
                migrateIfBehind(c);
                return c;
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw SqliteErrors.classify(e, location);
        }
    }

    /**
     * The driver's own options. Generated keys off: with them on, every INSERT runs a hidden
     * {@code last_insert_rowid()} query whose statement stays open (we read the id ourselves, by RETURNING).
     */
    static Properties connectionProperties() {
        Properties p = new Properties();
        p.setProperty("jdbc.get_generated_keys", "false");
        return p;
    }

    /**
     * On a read-only filesystem SQLite cannot create the WAL index it needs even to read, so the
     * file is opened immutable there: reads work, and any write fails as read-only.
     */
    private String address(boolean fresh) {
        Path dir = file.getParent();
        boolean readOnlyDir = !fresh && dir != null && !Files.isWritable(dir);
        return readOnlyDir ? SqliteReadOnly.uri(location, "immutable=1") : location;
    }

    private void migrateIfBehind(Connection c) throws SQLException {
        int version = SqliteSchema.version(c);
        if (version == SqliteSchema.MIGRATIONS.size()) {
            return;
        }
        if (version == 0) {
            useWal(c);
        }
        exec(c, "BEGIN IMMEDIATE");
        try {
            SqliteSchema.migrate(c, SqliteSchema.version(c));
            exec(c, "COMMIT");
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        }
    }

    /**
     * WAL is a property of the file, set once when the file is new. Changing the journal mode does
     * not wait on SQLite's busy handler: when two processes open a new store at once, the second
     * gets SQLITE_BUSY while the first migrates, so it retries briefly and stops as soon as it
     * sees the mode set by the other.
     */
    private void useWal(Connection c) {
        for (int attempt = 0; ; attempt++) {
            try {
                exec(c, "PRAGMA journal_mode = WAL");
                return;
            } catch (StoreException.Busy e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                Backoff.pause(attempt);
            }
        }
    }

    private void createParent() {
        Path dir = file.getParent();
        try {
            if (dir != null && !Files.isDirectory(dir)) {
                PrivateFiles.createDirectories(dir);
            }
        } catch (IOException e) {
            throw unavailable("cannot create the store directory " + dir, e);
        }
    }

    /**
     * Creates the empty database file 0600 before SQLite opens it: SQLite gives the -wal and -shm
     * files it creates later the database file's mode, and they hold data too.
     */
    private void createPrivateFile() {
        try {
            PrivateFiles.createEmpty(file);
        } catch (FileAlreadyExistsException ignore) {
            // Another process created it first; its mode is the same.
        } catch (IOException e) {
            throw unavailable("cannot create the store " + file, e);
        }
    }

    private StoreException unavailable(String what, IOException e) {
        return SqliteErrors.lowOnSpace(location) ? SqliteErrors.full(location, e)
                : new StoreException.Unavailable(what + ": " + e.getMessage(), e);
    }

    private void exec(Connection c, String sql) {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw SqliteErrors.classify(e, location);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException ignore) {
            // No transaction was open (it failed to begin, or already ended): nothing to undo.
        }
    }

    private void rollbackQuietly() {
        try {
            jdbc.exec("ROLLBACK");
        } catch (StoreException ignore) {
            // No transaction was open (it failed to begin, or already ended): nothing to undo.
        }
    }

    @Override
    public void backupTo(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        Connection c = connection();
        try {
            // Made here, empty and 0600 (it holds every message), never through a link; SQLite's own
            // file would be 0644. VACUUM INTO accepts an empty file.
            PrivateFiles.createEmpty(absolute);
        } catch (FileAlreadyExistsException e) {
            throw HuddleException.failed("backup target " + absolute + " already exists; choose a new file name");
        } catch (IOException e) {
            throw HuddleException.failed("cannot create the backup " + absolute + ": " + e.getMessage());
        }
        // VACUUM INTO reads one snapshot, so concurrent writers neither block nor tear the copy.
        try (var ps = c.prepareStatement("VACUUM INTO ?")) {
            ps.setString(1, absolute.toString());
            ps.execute();
        } catch (SQLException e) {
            deleteQuietly(absolute);
            throw SqliteErrors.classify(e, location);
        }
    }

    private static void deleteQuietly(Path partial) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignore) {
            // The failure being reported matters more; a partial backup is named in it.
        }
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                if (dataVersion != null) {
                    dataVersion.close();
                }
                jdbc.close();
                connection.close();
            } catch (SQLException ignore) {
                // Closing releases the file; a failure here leaves nothing to recover.
            } finally {
                connection = null;
                jdbc = null;
                readingOnly = false;
                dataVersion = null;
            }
        }
    }
}

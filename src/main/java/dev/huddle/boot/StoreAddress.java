package dev.huddle.boot;

import dev.huddle.store.Store;
import dev.huddle.store.postgres.PostgresStore;
import dev.huddle.store.postgres.PostgresUrl;
import dev.huddle.store.sqlite.SqliteStore;
import java.nio.file.Path;

/**
 * Which store a process opens: an SQLite file, or a PostgreSQL database named by URL
 * ({@code postgresql://}, {@code postgres://}, {@code jdbc:postgresql:}). The one place where the
 * adapter is chosen; the CLI, hooks, MCP and {@code huddle serve} all open their stores here
 * (through {@link Runtime}).
 */
public sealed interface StoreAddress {

    /** A new store object for this address; it connects or opens the file on first use. */
    Store open();

    /** An SQLite file. */
    record File(Path path) implements StoreAddress {
        @Override
        public Store open() {
            return new SqliteStore(path);
        }
    }

    /** A PostgreSQL database. */
    record Postgres(PostgresUrl url) implements StoreAddress {
        @Override
        public Store open() {
            return new PostgresStore(url);
        }

        @Override
        public String toString() {
            return url.display(); // never the password
        }
    }

    /** What {@code HUDDLE_DB} or {@code --db} says: a PostgreSQL URL, else a file path relative to {@code cwd}. */
    static StoreAddress parse(String value, Path cwd) {
        return PostgresUrl.isPostgres(value) ? new Postgres(PostgresUrl.parse(value))
                : new File(cwd.resolve(value).normalize());
    }
}

package dev.huddle.it;

import dev.huddle.testing.PostgresDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The two stores every process test runs on (issue 10): an SQLite file in the test's directory,
 * or a PostgreSQL database of the test's own, created for it and dropped by {@link Store#close}.
 * A test class is written once, as {@code @ParameterizedClass @EnumSource(Backend.class)}, and
 * hands {@link Store#db()} to its processes as {@code HUDDLE_DB}. When the PostgreSQL server cannot
 * be reached, the PostgreSQL variant skips (fails under CI=true) through {@link PostgresDatabases}.
 */
enum Backend {
    SQLITE, POSTGRESQL;

    /** A fresh, empty store for one test working in {@code dir}. */
    Store create(Path dir) {
        if (this == SQLITE) {
            return new Store(dir.resolve("huddle.db").toString(), null);
        }
        PostgresDatabases database = PostgresDatabases.create();
        return new Store(database.text(), database);
    }

    /**
     * Scales a workload for this backend: {@code sqlite} on SQLite, {@code postgresql} on PostgreSQL,
     * where each command also pays a TCP connection and a server round trip per statement.
     */
    int scaled(int sqlite, int postgresql) {
        return this == SQLITE ? sqlite : postgresql;
    }

    /**
     * One test's store: {@code db} is what {@code HUDDLE_DB} says (a file path or a
     * {@code postgresql://} URL); closing drops a PostgreSQL database (a file goes with @TempDir).
     */
    record Store(String db, PostgresDatabases database) implements AutoCloseable {

        boolean isPostgres() {
            return database != null;
        }

        /**
         * A store of its own for a test in {@code dir} with this one's contents: the file (and its
         * WAL) copied, or a database made from this one as template.
         */
        Store copyTo(Path dir) throws IOException {
            if (database != null) {
                PostgresDatabases copy = PostgresDatabases.copyOf(database);
                return new Store(copy.text(), copy);
            }
            Path file = Path.of(db);
            try (Stream<Path> files = Files.list(file.getParent())) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith(file.getFileName().toString())).toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
            return new Store(dir.resolve(file.getFileName()).toString(), null);
        }

        @Override
        public void close() {
            if (database != null) {
                database.close();
            }
        }
    }
}

package dev.huddle.boot;

import dev.huddle.store.postgres.PostgresUrl;
import dev.huddle.store.sqlite.SqliteNativeLibrary;

/**
 * Start-up work that can run beside the command's own: on two cores, loading the SQLite native
 * library and the driver's date formatter (10-20 ms, measured) while arguments are parsed and the
 * store is located costs no wall time. Called once, first thing in main.
 */
public final class Warmup {

    private Warmup() {}

    public static void start() {
        String db = System.getenv("HUDDLE_DB");
        if (db == null || !PostgresUrl.isPostgres(db)) {
            SqliteNativeLibrary.preloadInBackground(); // a PostgreSQL store never needs it (--db is not parsed yet)
        }
    }
}

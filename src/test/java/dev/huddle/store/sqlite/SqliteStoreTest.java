package dev.huddle.store.sqlite;

import dev.huddle.store.Store;
import dev.huddle.store.StoreContract;
import java.nio.file.Path;

/** The store contract against the embedded SQLite adapter. */
class SqliteStoreTest extends StoreContract {

    @Override
    protected Store newStore(Path dir) {
        return new SqliteStore(dir.resolve("huddle.db"));
    }
}

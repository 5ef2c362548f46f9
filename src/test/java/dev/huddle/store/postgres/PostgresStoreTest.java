package dev.huddle.store.postgres;

import dev.huddle.store.Store;
import dev.huddle.store.StoreContract;
import dev.huddle.testing.PostgresDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store contract against the PostgreSQL adapter: one database for the class, one schema per
 * test directory (so each test starts empty and reopening a directory reaches the same data); a
 * finished test's schemas, emptied, serve later tests instead of each migrating new ones.
 */
class PostgresStoreTest extends StoreContract {

    @RegisterExtension
    static final PostgresDatabases databases = PostgresDatabases.perClassRecyclingSchemas();

    @Override
    protected Store newStore(Path dir) {
        return new PostgresStore(databases.schemaFor(dir));
    }
}

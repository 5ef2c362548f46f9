package dev.huddle.store.postgres;

import dev.huddle.store.Store;
import dev.huddle.store.StoreContract;
import dev.huddle.store.postgres.pool.HikariPools;
import dev.huddle.store.ForwardingStore;
import dev.huddle.testing.PostgresDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store contract against the PostgreSQL adapter as {@code huddle serve} uses it: every store
 * a store of a HikariCP pool (two connections, so consecutive transactions of one store often run
 * on different sessions), closed with its store.
 */
class PostgresPooledStoreTest extends StoreContract {

    @RegisterExtension
    static final PostgresDatabases databases = PostgresDatabases.perClassRecyclingSchemas();

    @Override
    protected Store newStore(Path dir) {
        PostgresPool pool = new HikariPools().open(databases.schemaFor(dir), 2, "huddle pooled contract");
        return new ForwardingStore(pool.store()) {
            @Override
            public void close() {
                super.close();
                pool.close();
            }
        };
    }
}

package dev.huddle.store.postgres.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.huddle.store.postgres.PostgresPool;
import dev.huddle.store.postgres.PostgresUrl;
import java.time.Duration;
import java.util.Properties;

/**
 * HikariCP behind {@link PostgresPool}. It lives in the server's jar with its libraries (it needs
 * slf4j-api, which must stay off a CLI command's class path) and is loaded by name
 * ({@code boot/ServerClasses}). The pool is fixed-size (minimum idle = maximum, HikariCP's own
 * advice), so under load it opens no connection; it replaces each one after its 30-minute lifetime.
 */
public final class HikariPools implements PostgresPool.Opener {

    /** A request that finds every connection busy waits this long, as the coordinator pool waits for a coordinator. */
    static final Duration BORROW_WAIT = Duration.ofSeconds(10);

    @Override
    public PostgresPool open(PostgresUrl url, int size, String application) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("huddle");
        config.setDriverClassName("org.postgresql.Driver");
        config.setJdbcUrl(url.jdbcUrl());
        Properties properties = new Properties();
        properties.putAll(url.properties());
        properties.putIfAbsent("ApplicationName", application);
        properties.putIfAbsent("connectTimeout", "5");
        config.setDataSourceProperties(properties);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionInitSql(PostgresPool.SESSION);
        config.setConnectionTimeout(BORROW_WAIT.toMillis());
        // The store checks the server first, with its own message; the pool then fills in the background.
        config.setInitializationFailTimeout(-1);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            return new PostgresPool(url, pool::getConnection, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }
}

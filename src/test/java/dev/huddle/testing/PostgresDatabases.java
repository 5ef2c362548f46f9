package dev.huddle.testing;

import dev.huddle.store.postgres.PostgresUrl;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database of its own on the test PostgreSQL server, for one test class: created as
 * {@code huddle_test_<random>}, dropped (sessions ended) by {@link #close}, so runs never leak
 * into each other. The server is {@code HUDDLE_TEST_PG} or postgresql://postgres@127.0.0.1:5432/postgres.
 * When it cannot be reached the test skips through {@link Prerequisite} (fails under CI=true).
 * Within the database, {@link #schemaFor} gives each test directory its own schema, so a contract
 * test's fresh store is an empty schema and reopening the same directory reaches the same data.
 * Made by {@link #perClassRecyclingSchemas}, it gives a test's schemas, emptied, to later tests
 * ({@link SchemaRecycler}).
 */
public final class PostgresDatabases implements AutoCloseable, BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    private static final String SERVER = System.getenv().getOrDefault("HUDDLE_TEST_PG",
            "postgresql://postgres@127.0.0.1:5432/postgres");

    private PostgresUrl admin;
    private PostgresUrl database;
    private final Map<Path, String> schemas = new HashMap<>();
    /** Schemas made so far, for the next one's name. */
    private int made;
    /** Null unless the schemas of finished tests are emptied and used again. */
    private final SchemaRecycler recycler;
    /** The test class the database of {@link #perClass} was made for; null before and after it. */
    private Class<?> owner;

    private PostgresDatabases(PostgresUrl admin, PostgresUrl database) {
        this(admin, database, null);
    }

    /** {@code lockWait}: how long emptying a finished test's schema waits for its locks; null: no recycling. */
    private PostgresDatabases(PostgresUrl admin, PostgresUrl database, Duration lockWait) {
        this.admin = admin;
        this.database = database;
        this.recycler = lockWait == null ? null : new SchemaRecycler(this::schema, lockWait);
    }

    /**
     * A database for the test class that registers it ({@code @RegisterExtension static final
     * PostgresDatabases databases = PostgresDatabases.perClass();}): created before its tests, dropped
     * after them.
     */
    public static PostgresDatabases perClass() {
        return new PostgresDatabases(null, null);
    }

    /**
     * As {@link #perClass}, for tests that each start from fresh stores and leave nothing open when
     * done (a store contract): a finished test's schemas are emptied back to a newly migrated store's
     * rows and handed to later tests by {@link #schemaFor}, instead of every test migrating new ones.
     */
    public static PostgresDatabases perClassRecyclingSchemas() {
        return perClassRecyclingSchemas(Duration.ofSeconds(5));
    }

    /** As {@link #perClassRecyclingSchemas()}, a schema left locked longer than {@code lockWait} not used again. */
    static PostgresDatabases perClassRecyclingSchemas(Duration lockWait) {
        return new PostgresDatabases(null, null, lockWait);
    }

    /**
     * Creates the database for the class that registered the extension. JUnit calls back for each
     * of its nested classes too (a store contract is a dozen of them): those find it made and use
     * it, rather than each making one of their own and leaving the class's behind undropped.
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (owner != null) {
            return;
        }
        PostgresDatabases made = create();
        admin = made.admin;
        database = made.database;
        owner = context.getRequiredTestClass();
    }

    /** With recycling, hands the finished test's schemas on, and forgets which directory had which. */
    @Override
    public synchronized void afterEach(ExtensionContext context) {
        if (recycler != null) {
            schemas.values().forEach(recycler::give);
            schemas.clear();
        }
    }

    /** Drops the database once the class that made it is done (not when one of its nested classes is). */
    @Override
    public void afterAll(ExtensionContext context) {
        if (owner != null && owner == context.getRequiredTestClass()) {
            close();
            owner = null;
        }
    }

    /** Creates a new database, or skips the calling test when the server cannot be reached. */
    public static PostgresDatabases create() {
        PostgresUrl admin = PostgresUrl.parse(SERVER);
        String name = "huddle_test_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        try (Connection c = connect(admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            Prerequisite.require(false, "PostgreSQL at " + admin.hostAndPort() + " (" + e.getMessage().lines().findFirst()
                    .orElse("") + "); set HUDDLE_TEST_PG to a server where tests may create databases");
        }
        return new PostgresDatabases(admin, admin.withDatabase(name));
    }

    /**
     * A new database with the contents of {@code template} ({@code CREATE DATABASE … TEMPLATE}),
     * for tests that seed a store once and give every test a copy. Nobody may be connected to
     * the template meanwhile.
     */
    public static PostgresDatabases copyOf(PostgresDatabases template) {
        String name = "huddle_test_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        try (Connection c = connect(template.admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " TEMPLATE " + template.database.database());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot copy test database " + template.database.database() + ": "
                    + e.getMessage(), e);
        }
        return new PostgresDatabases(template.admin, template.admin.withDatabase(name));
    }

    /** The test database (its public schema). */
    public PostgresUrl url() {
        return database;
    }

    /** {@code postgresql://user@host:port/db}, as a user would write it in HUDDLE_DB. */
    public String text() {
        return database.display();
    }

    /** The database with {@code schema} as its only search path; the schema is created the first time. */
    public PostgresUrl schema(String schema) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema + ": " + e.getMessage(), e);
        }
        Properties p = new Properties();
        p.putAll(database.properties());
        p.setProperty("currentSchema", schema);
        return new PostgresUrl(database.jdbcUrl(), p);
    }

    /** One schema per directory: the same directory always maps to the same schema. */
    public synchronized PostgresUrl schemaFor(Path dir) {
        String name = schemas.computeIfAbsent(dir.toAbsolutePath().normalize(),
                d -> Optional.ofNullable(recycler).flatMap(SchemaRecycler::take).orElseGet(() -> "s" + ++made));
        return schema(name);
    }

    /** A plain JDBC connection to {@code url}, for tests that look behind the store. */
    public static Connection connect(PostgresUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.properties());
    }

    /** Ends every session on the database and drops it. */
    @Override
    public void close() {
        if (recycler != null) {
            recycler.forget(); // its schemas go with the database
        }
        try (Connection c = connect(admin); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database.database() + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + database.database() + ": " + e.getMessage(), e);
        }
    }
}

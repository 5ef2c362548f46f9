package dev.huddle.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@link PostgresDatabases#perClass}: one database for a class and all its nested classes, dropped
 * when the class is done. JUnit calls the extension back for every nested class as well; it once
 * made a database at each call and dropped only the newest, so every run of a store contract
 * left the class's own database behind on the server.
 */
class PostgresDatabasesTest {

    /** Nested classes of the one under test, as a store contract has them. */
    static class Outer {
        static class FirstNested {}

        static class SecondNested {}
    }

    @Test
    void perClass_nestedClassesShareTheClassDatabase_andItIsDroppedWhenTheClassIsDone() throws SQLException {
        PostgresDatabases extension = PostgresDatabases.perClass();
        extension.beforeAll(context(Outer.class));
        String made = extension.url().database();
        try {
            for (Class<?> nested : new Class<?>[] {Outer.FirstNested.class, Outer.SecondNested.class}) {
                extension.beforeAll(context(nested));
                assertThat(extension.url().database()).as("a nested class uses the class's database").isEqualTo(made);
                extension.afterAll(context(nested));
                assertThat(exists(extension, made)).as("still there after a nested class is done").isTrue();
            }
            extension.afterAll(context(Outer.class));
            assertThat(exists(extension, made)).as("dropped when the class is done").isFalse();
        } finally {
            extension.close(); // whatever the test left, gone (DROP … IF EXISTS)
        }
    }

    private static boolean exists(PostgresDatabases extension, String name) throws SQLException {
        return count(extension, "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'") == 1;
    }

    private static long count(PostgresDatabases extension, String sql) throws SQLException {
        try (Connection c = PostgresDatabases.connect(extension.url().withDatabase("postgres"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** An extension context that knows its test class, as JUnit's does; nothing else is asked of it. */
    static ExtensionContext context(Class<?> testClass) {
        return (ExtensionContext) Proxy.newProxyInstance(ExtensionContext.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRequiredTestClass" -> testClass;
                    case "toString" -> "context of " + testClass.getSimpleName();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

package dev.huddle.store.postgres;

import dev.huddle.core.HuddleException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Where a PostgreSQL store lives, parsed from what a user writes in {@code HUDDLE_DB} or
 * {@code --db}: {@code postgresql://user:password@host:port/db?param=value}, the same with
 * {@code postgres://}, or a pgjdbc URL {@code jdbc:postgresql:...}. The password is kept for
 * connecting only: {@link #display()} never shows it, so it stays out of messages and logs.
 *
 * @param jdbcUrl    the pgjdbc URL, without user and password
 * @param properties user, password and the URL's parameters, as pgjdbc reads them
 */
public record PostgresUrl(String jdbcUrl, Properties properties) {

    /** Whether {@code value} names a PostgreSQL store rather than a file. */
    public static boolean isPostgres(String value) {
        return value.startsWith("postgresql:") || value.startsWith("postgres:") || value.startsWith("jdbc:postgresql:");
    }

    /** Parses {@code value}; a malformed URL is a one-line usage error. */
    public static PostgresUrl parse(String value) {
        String jdbc = value.startsWith("jdbc:") ? value : "jdbc:" + withoutUserInfo(value);
        Properties given = value.startsWith("jdbc:") ? new Properties() : userInfo(value);
        Properties parsed = Driver.parseURL(jdbc, given);
        if (parsed == null) {
            throw HuddleException.invalid("not a PostgreSQL URL: " + redacted(value)
                    + " (expected postgresql://user@host:port/database)");
        }
        if (parsed.getProperty("user") == null) {
            parsed.setProperty("user", System.getProperty("user.name", "postgres"));
        }
        return new PostgresUrl(jdbc, parsed);
    }

    /** {@code postgresql://user@host:port/db}: what messages and {@code location()} show. */
    public String display() {
        return "postgresql://" + user() + "@" + hostAndPort() + "/" + database();
    }

    public String hostAndPort() {
        return properties.getProperty("PGHOST", "localhost") + ":" + properties.getProperty("PGPORT", "5432");
    }

    public String database() {
        return properties.getProperty("PGDBNAME", "");
    }

    public String user() {
        return properties.getProperty("user");
    }

    /** The same server with another database, for tests and tools that create databases. */
    public PostgresUrl withDatabase(String database) {
        Properties p = new Properties();
        p.putAll(properties);
        p.setProperty("PGDBNAME", database);
        String jdbc = "jdbc:postgresql://" + hostAndPort() + "/" + database;
        return new PostgresUrl(jdbc, p);
    }

    private static String withoutUserInfo(String value) {
        try {
            URI uri = new URI(value.startsWith("postgres:") ? "postgresql:" + value.substring("postgres:".length()) : value);
            if (uri.getRawUserInfo() == null) {
                return uri.toString();
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null)
                    .toString();
        } catch (URISyntaxException e) {
            throw HuddleException.invalid("not a PostgreSQL URL: " + redacted(value) + " (" + e.getReason() + ")");
        }
    }

    private static Properties userInfo(String value) {
        Properties p = new Properties();
        try {
            String info = new URI(value).getRawUserInfo();
            if (info != null) {
                int colon = info.indexOf(':');
                p.setProperty("user", decode(colon < 0 ? info : info.substring(0, colon)));
                if (colon >= 0) {
                    p.setProperty("password", decode(info.substring(colon + 1)));
                }
            }
        } catch (URISyntaxException e) {
            throw HuddleException.invalid("not a PostgreSQL URL: " + redacted(value) + " (" + e.getReason() + ")");
        }
        return p;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The URL with any password replaced, for the message about a URL that cannot be parsed. */
    static String redacted(String value) {
        return value.replaceAll("(//[^:/@]*):[^@/]*@", "$1:***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}

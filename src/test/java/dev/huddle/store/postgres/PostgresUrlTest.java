package dev.huddle.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import org.junit.jupiter.api.Test;

/** The URL forms HUDDLE_DB and --db accept for PostgreSQL, and what is shown of them. */
class PostgresUrlTest {

    @Test
    void parse_whenPostgresqlUrlWithPassword_connectsWithItButNeverShowsIt() {
        PostgresUrl url = PostgresUrl.parse("postgresql://alice:p%40ss@db.example:6543/team?sslmode=require");
        assertThat(url.display()).isEqualTo("postgresql://alice@db.example:6543/team");
        assertThat(url.properties().getProperty("password")).isEqualTo("p@ss");
        assertThat(url.properties().getProperty("sslmode")).isEqualTo("require");
        assertThat(url.jdbcUrl()).doesNotContain("p%40ss").doesNotContain("p@ss");
    }

    @Test
    void parse_whenPostgresSchemeOrJdbcUrl_sameServerAndDatabase() {
        assertThat(PostgresUrl.parse("postgres://bob@h:5433/d").display()).isEqualTo("postgresql://bob@h:5433/d");
        PostgresUrl jdbc = PostgresUrl.parse("jdbc:postgresql://h:5433/d?user=bob&password=x");
        assertThat(jdbc.display()).isEqualTo("postgresql://bob@h:5433/d");
        assertThat(jdbc.properties().getProperty("password")).isEqualTo("x");
    }

    @Test
    void parse_whenNoPort_defaultPort() {
        assertThat(PostgresUrl.parse("postgresql://bob@h/d").hostAndPort()).isEqualTo("h:5432");
    }

    @Test
    void isPostgres_onlyForTheThreeSchemes() {
        assertThat(PostgresUrl.isPostgres("postgresql://h/d")).isTrue();
        assertThat(PostgresUrl.isPostgres("postgres://h/d")).isTrue();
        assertThat(PostgresUrl.isPostgres("jdbc:postgresql:d")).isTrue();
        assertThat(PostgresUrl.isPostgres("/tmp/postgresql.db")).isFalse();
        assertThat(PostgresUrl.isPostgres("jdbc:sqlite:x")).isFalse();
    }

    @Test
    void parse_whenMalformed_usageErrorWithoutThePassword() {
        assertThatThrownBy(() -> PostgresUrl.parse("postgresql://alice:secret@bad host/d"))
                .isInstanceOf(HuddleException.class)
                .satisfies(e -> assertThat(((HuddleException) e).kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT))
                .hasMessageStartingWith("not a PostgreSQL URL: postgresql://alice:***@bad host/d")
                .hasMessageNotContaining("secret");
    }
}

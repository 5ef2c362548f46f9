package dev.huddle.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * {@link Jdbc} keeps one prepared statement per SQL text for the connection's life. Reuse must be
 * invisible: no statement may stay running between uses (it would pin an old snapshot, or make
 * SQLite refuse VACUUM and schema changes), a statement in use up the stack is not shared, and a
 * statement that failed is not handed out again.
 */
class JdbcStatementsTest {

    @TempDir
    Path dir;

    private Connection first;
    private Connection second;
    private Jdbc jdbc;
    private Jdbc other;

    @BeforeEach
    void open() throws SQLException {
        String file = dir.resolve("t.db").toString();
        first = new JDBC4Connection("jdbc:sqlite:" + file, file, SqliteStore.connectionProperties());
        second = new JDBC4Connection("jdbc:sqlite:" + file, file, SqliteStore.connectionProperties());
        jdbc = new Jdbc(first, file);
        other = new Jdbc(second, file);
        jdbc.query("PRAGMA journal_mode = WAL", rs -> rs.getString(1));
        jdbc.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
    }

    @AfterEach
    void close() throws SQLException {
        jdbc.close();
        other.close();
        first.close();
        second.close();
    }

    @Test
    void everyKindOfUse_leavesNoStatementRunning_soVacuumIntoStarts() {
        jdbc.exec("BEGIN IMMEDIATE");
        jdbc.update("INSERT INTO t (name) VALUES (?)", "a");
        jdbc.number("SELECT last_insert_rowid()");
        jdbc.query("SELECT name FROM t WHERE name = ?", rs -> rs.getString(1), "none");
        jdbc.query("SELECT name FROM t", rs -> rs.getString(1));
        jdbc.forEach("SELECT name FROM t", rs -> { });
        jdbc.update("UPDATE t SET name = ? WHERE name = ?", "b", "a");
        jdbc.exec("COMMIT");

        Path copy = dir.resolve("copy.db");
        jdbc.update("VACUUM INTO ?", copy.toString());
        assertThat(copy).isRegularFile();
    }

    @Test
    void aReusedQuery_seesWhatAnotherConnectionCommittedSinceItsLastUse() {
        assertThat(jdbc.number("SELECT count(*) FROM t")).isZero();
        other.update("INSERT INTO t (name) VALUES (?)", "from-the-other");
        assertThat(jdbc.number("SELECT count(*) FROM t")).isEqualTo(1);
        other.update("INSERT INTO t (name) VALUES (?)", "again");
        assertThat(jdbc.number("SELECT count(*) FROM t")).isEqualTo(2);
    }

    @Test
    void theSameQueryInsideItsOwnRowHandler_getsAStatementOfItsOwn() {
        for (String name : List.of("a", "b", "c")) {
            jdbc.update("INSERT INTO t (name) VALUES (?)", name);
        }
        String sql = "SELECT name FROM t WHERE name >= ? ORDER BY name";
        List<String> pairs = new ArrayList<>();
        jdbc.forEach(sql, rs -> {
            String outer = rs.getString(1);
            pairs.add(outer + ":" + jdbc.query(sql, inner -> inner.getString(1), outer));
        }, "a");
        assertThat(pairs).containsExactly("a:[a, b, c]", "b:[b, c]", "c:[c]");
        assertThat(jdbc.query(sql, rs -> rs.getString(1), "b")).containsExactly("b", "c");
    }

    @Test
    void aStatementThatFailed_isNotReused_andTheNextUseWorks() {
        String insert = "INSERT INTO t (name) VALUES (?)";
        jdbc.update(insert, "taken");
        assertThatThrownBy(() -> jdbc.update(insert, "taken")).isInstanceOf(StoreException.class);
        assertThat(jdbc.update(insert, "free")).isEqualTo(1);
        assertThat(jdbc.query("SELECT name FROM t ORDER BY id", rs -> rs.getString(1))).containsExactly("taken", "free");
    }

    @Test
    void parametersOfOneUse_neverLeakIntoTheNext() throws Exception {
        String sql = "SELECT count(*) FROM t WHERE name = ? OR ? IS NULL";
        jdbc.update("INSERT INTO t (name) VALUES (?)", "x");
        assertThat(jdbc.number(sql, "x", "set")).isEqualTo(1);
        assertThat(jdbc.number(sql, "y", null)).isEqualTo(1);
        assertThat(jdbc.number(sql, "y", "set")).isZero();
        assertThat(Files.exists(dir.resolve("t.db"))).isTrue();
    }
}

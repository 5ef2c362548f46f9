package dev.huddle.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.cli.Main;
import dev.huddle.testing.PostgresDatabases;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both stores hold a team's state in the same shape: an SQLite store's {@code export --jsonl},
 * imported into PostgreSQL, exports to the same bytes, and so does the way back. This is what
 * {@code huddle migrate --to} will rely on (issue 10); here it runs through the real CLI.
 */
class PostgresExportParityTest {

    @TempDir
    Path dir;

    private PostgresDatabases databases;

    @BeforeEach
    void createDatabase() {
        databases = PostgresDatabases.create();
    }

    @AfterEach
    void dropDatabase() {
        if (databases != null) {
            databases.close();
        }
    }

    @Test
    void exportJsonl_sqliteToPostgresAndBack_byteIdentical() throws Exception {
        String sqlite = dir.resolve("team.db").toString();
        for (List<String> command : List.of(
                List.of("register", "alice", "--role", "qa", "--model", "opus"),
                List.of("register", "bob", "--name", "Bob \"B\" Ü"),
                List.of("lock", "src/a.txt", "--agent", "alice", "--reason", "parser ✓"),
                List.of("lock", "docs/**", "--agent", "bob"),
                List.of("send", "bob", "hello", "ü", "--agent", "alice"),
                List.of("task", "new", "Parse", "--description", "two\nlines", "--agent", "alice"),
                List.of("task", "new", "Lex", "--agent", "bob"),
                List.of("dep", "add", "T-1", "T-2", "--agent", "alice"),
                List.of("claim", "T-1", "--agent", "bob"),
                List.of("amend", "T-1", "see #1", "--agent", "bob"),
                List.of("decide", "use X", "--agent", "alice"),
                List.of("unlock", "src/a.txt", "--agent", "alice"))) {
            assertThat(cli(sqlite, command.toArray(String[]::new))).as(String.join(" ", command)).isZero();
        }
        Path fromSqlite = dir.resolve("sqlite.jsonl");
        Path fromPostgres = dir.resolve("postgres.jsonl");
        Path backInSqlite = dir.resolve("back.jsonl");
        String postgres = databases.text();

        assertThat(cli(sqlite, "export", "--jsonl", fromSqlite.toString())).isZero();
        assertThat(cli(postgres, "import", fromSqlite.toString())).isZero();
        assertThat(cli(postgres, "export", "--jsonl", fromPostgres.toString())).isZero();
        String back = dir.resolve("back.db").toString();
        assertThat(cli(back, "import", fromPostgres.toString())).isZero();
        assertThat(cli(back, "export", "--jsonl", backInSqlite.toString())).isZero();

        assertThat(Files.readAllLines(fromSqlite)).hasSizeGreaterThan(15);
        assertThat(Files.readString(fromPostgres)).isEqualTo(Files.readString(fromSqlite));
        assertThat(Files.readString(backInSqlite)).isEqualTo(Files.readString(fromSqlite));
        assertThat(cli(postgres, "lock", "docs/b.md", "--agent", "alice")).as("docs/** still held by bob").isEqualTo(2);
        assertThat(cli(postgres, "task", "new", "Next", "--agent", "alice")).as("ids and sequences carry on").isZero();
    }

    private int cli(String db, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, Map.of("HUDDLE_DB", db), dir, new ByteArrayInputStream(new byte[0]),
                new PrintStream(java.io.OutputStream.nullOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        if (code != 0) {
            System.out.println(String.join(" ", args) + " -> " + code + ": " + err.toString(StandardCharsets.UTF_8).strip());
        }
        return code;
    }
}

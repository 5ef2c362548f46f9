package dev.huddle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL URL in HUDDLE_DB or --db reaches the PostgreSQL adapter; when the server cannot be
 * reached the command fails with exit 1 (as every store failure) and one line on stderr that
 * never shows the password. Needs no server: port 1 refuses connections.
 */
class PostgresUrlCliTest {

    @TempDir
    Path repo;

    private CliRun run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, env, repo, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void status_whenHuddleDbNamesAServerThatIsDown_exit1WithOneLine() {
        CliRun r = run(Map.of("HUDDLE_DB", "postgresql://team:s3cret@127.0.0.1:1/huddle"), "status");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("huddle: cannot reach PostgreSQL at 127.0.0.1:1 (connection refused):"
                + " start the server or fix HUDDLE_DB\n");
        assertThat(r.err() + r.out()).doesNotContain("s3cret");
    }

    @Test
    void lock_whenDbOptionIsJdbcUrlOfADownServer_sameLine_nothingCreatedOnDisk() {
        CliRun r = run(Map.of(), "lock", "a.txt", "--agent", "alice", "--db", "jdbc:postgresql://127.0.0.1:1/huddle");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("huddle: cannot reach PostgreSQL at 127.0.0.1:1 (connection refused)");
        assertThat(r.err().lines()).hasSize(1);
        assertThat(repo.resolve(".huddle")).doesNotExist();
    }
}

package dev.huddle.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.it.HuddleProcess.Result;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote CLI as real processes: {@code huddle serve} running, {@code huddle token issue}, then
 * {@code lock}/{@code check}/{@code unlock} with {@code HUDDLE_URL} and {@code HUDDLE_TOKEN} exit as
 * they do on the file; with {@code HUDDLE_URL} alone, the discovery file's local credential acts for
 * {@code HUDDLE_AGENT}; once the server is stopped, the one line and exit 1.
 */
class RemoteCliIT {

    private static final Duration WAIT = TestTiming.scaled(Duration.ofSeconds(60));

    @TempDir
    Path dir;
    private Process server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void lockCheckUnlock_throughServe_withIssuedTokens_sameExitsAsOnTheFile_andServerDownIsOneLine() throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        HuddleProcess file = HuddleProcess.in(dir);
        assertThat(file.run("register", "alice").exitCode()).isZero();
        assertThat(file.run("register", "bob").exitCode()).isZero();
        String alice = file.run("token", "issue", "--agent", "alice").stdout().strip();
        String bob = file.run("token", "issue", "--agent", "bob").stdout().strip();

        server = file.start("serve", "--bind", "127.0.0.1:0");
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String url = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(url).startsWith("http://127.0.0.1:");

        HuddleProcess asAlice = HuddleProcess.in(dir).withEnv("HUDDLE_URL", url).withEnv("HUDDLE_TOKEN", alice);
        HuddleProcess asBob = HuddleProcess.in(dir).withEnv("HUDDLE_URL", url).withEnv("HUDDLE_TOKEN", bob);
        Result locked = asAlice.run("lock", "src/a.txt", "--reason", "refactor");
        assertThat(locked.exitCode()).as(locked.toString()).isZero();
        assertThat(locked.stdout()).contains("locked src/a.txt");
        Result denied = asBob.run("lock", "src/a.txt");
        assertThat(denied.exitCode()).as(denied.toString()).isEqualTo(2);
        assertThat(denied.stdout() + denied.stderr()).contains("alice");
        assertThat(asBob.run("check", "src/a.txt").exitCode()).isEqualTo(2);
        assertThat(asAlice.run("check", "src/a.txt").exitCode()).isZero();
        Result unlocked = asAlice.run("unlock", "src/a.txt");
        assertThat(unlocked.exitCode()).as(unlocked.toString()).isZero();
        assertThat(asBob.run("check", "src/a.txt").exitCode()).isZero();
        Result bad = asBob.run("lock", "x", "--ttl", "soon");
        assertThat(bad.exitCode()).isEqualTo(64);
        assertThat(bad.stderr().lines().count()).isEqualTo(1);

        // No token: the discovery file of this store's server, acting for HUDDLE_AGENT.
        Result viaDiscovery = HuddleProcess.in(dir).withEnv("HUDDLE_URL", url).as("bob").run("lock", "src/a.txt");
        assertThat(viaDiscovery.exitCode()).as(viaDiscovery.toString()).isZero();
        assertThat(file.run("locks").stdout()).contains("bob");

        server.destroy();
        assertThat(server.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        Result down = asAlice.run("lock", "src/b.txt");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.stdout()).isEmpty();
        assertThat(down.stderr()).isEqualTo("huddle: cannot reach huddle server at " + url
                + " (connection refused); start it with `huddle serve` or unset HUDDLE_URL\n");
    }
}

package dev.huddle.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.it.HuddleProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The remote CLI as real processes: {@code huddle serve} running, {@code huddle token issue}, then
 * {@code lock}/{@code check}/{@code unlock} with {@code HUDDLE_URL} and {@code HUDDLE_TOKEN} exit as
 * they do on the file; with {@code HUDDLE_URL} alone, the discovery file's local credential acts for
 * {@code HUDDLE_AGENT}; once the server is stopped, the one line and exit 1. The server runs on
 * each {@link Backend}.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class RemoteCliIT {

    private static final Duration WAIT = TestTiming.scaled(Duration.ofSeconds(60));

    @Parameter
    Backend backend;

    @TempDir
    Path dir;
    /** Closed after each test (not when the store could not be created: a skipped test). */
    @AutoClose
    private ServedStore served;

    @BeforeEach
    void createStore() {
        served = ServedStore.ofRepository(backend, dir);
    }

    @Test
    void lockCheckUnlock_throughServe_withIssuedTokens_sameExitsAsOnTheFile_andServerDownIsOneLine() throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        HuddleProcess file = served.huddle();
        String alice = served.token("alice");
        String bob = served.token("bob");
        String url = served.serve().toString();
        Process server = served.server();

        HuddleProcess asAlice = served.remote(alice);
        HuddleProcess asBob = served.remote(bob);
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
        Result viaDiscovery = served.remote(null).as("bob").run("lock", "src/a.txt");
        assertThat(viaDiscovery.exitCode()).as(viaDiscovery.toString()).isZero();
        assertThat(file.run("locks").stdout()).contains("bob");

        // An operator's token need not name an agent: whoami says who it is.
        Result ops = served.remote(served.operatorToken("ops")).run("whoami");
        assertThat(ops.exitCode()).as(ops.toString()).isZero();
        assertThat(ops.stdout()).isEqualTo("ops  not a registered agent  operator\n");

        server.destroy();
        assertThat(server.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        Result down = asAlice.run("lock", "src/b.txt");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.stdout()).isEmpty();
        assertThat(down.stderr()).isEqualTo("huddle: cannot reach huddle server at " + url
                + " (connection refused); start it with `huddle serve` or unset HUDDLE_URL\n");
    }

    /** inbox --wait and watch as real processes through serve: each gets the message sent meanwhile, once. */
    @Test
    void inboxWaitAndWatch_throughServe_getTheMessage_andARunOutWaitExits3() throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        HuddleProcess file = served.huddle();
        assertThat(file.run("register", "alice").exitCode()).isZero();
        assertThat(file.run("register", "bob").exitCode()).isZero();
        assertThat(file.run("register", "carol").exitCode()).isZero();
        served.serve();
        Process server = served.server();
        HuddleProcess remote = served.remote(null);

        var bobWaits = CompletableFuture.supplyAsync(() -> remote.as("bob").run("inbox", "--wait", "2m"));
        var carolWatches = CompletableFuture.supplyAsync(() -> remote.as("carol").run("watch", "--count", "1", "--timeout", "2m"));
        Result sent = remote.as("alice").run("send", "bob,carol", "hello", "from", "alice");
        assertThat(sent.exitCode()).as(sent.toString()).isZero();
        Result bob = bobWaits.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(bob.exitCode()).as(bob.toString()).isZero();
        assertThat(bob.stdout()).contains("hello from alice");
        Result carol = carolWatches.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(carol.exitCode()).as(carol.toString()).isZero();
        assertThat(carol.stdout()).contains("hello from alice");
        // Delivered: neither is shown it again; a wait that runs out exits 3.
        Result again = remote.as("bob").run("inbox", "--wait", "300ms");
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(3);
        assertThat(again.stdout()).isEqualTo("no new message within 300ms\n");
        assertThat(remote.as("carol").run("watch", "--timeout", "300ms").stdout()).isEmpty();

        server.destroy();
        assertThat(server.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(server.exitValue()).isZero();
    }
}

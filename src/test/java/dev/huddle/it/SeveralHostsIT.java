package dev.huddle.it;

import static dev.huddle.it.Outcomes.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.it.HuddleProcess.Result;
import dev.huddle.testing.PostgresDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's several hosts: two agents on machines of their own ({@link NetworkHosts}: network
 * namespaces with their own addresses) reach one {@code huddle serve} on PostgreSQL over the
 * network. Host A takes a short lease and claims a task, then its cable is pulled. Its lease
 * expires and B takes the path, A goes offline and B's {@code claim-next} takes the task over;
 * when A is plugged back in, its late writes with the old fencing tokens are refused.
 *
 * <p>An agent counts as offline after {@code stale_minutes}, at least one minute, so this test
 * waits that minute: it is the price of checking the takeover for real, through the server's clock.
 * It waits beside the other process tests rather than before or after them (its own processes,
 * namespaces, database and server: nothing another test touches).
 */
@Execution(value = ExecutionMode.CONCURRENT, reason = "waits out presence's minute; shares nothing with other tests")
class SeveralHostsIT {

    private static final Duration LIMIT = TestTiming.scaled(Duration.ofSeconds(180));
    private static final int A = 0;
    private static final int B = 1;

    @TempDir
    Path repo;

    @Test
    void aHostCutOff_itsLeaseExpires_itsClaimIsTakenOver_itsLateWritesAreRefused() throws Exception {
        Files.createDirectories(repo.resolve(".git"));
        Files.writeString(repo.resolve("huddle.toml"), "[presence]\nactive_minutes = 1\nidle_minutes = 1\nstale_minutes = 1\n");
        try (PostgresDatabases database = PostgresDatabases.create(); NetworkHosts hosts = NetworkHosts.create(2)) {
            HuddleProcess local = HuddleProcess.in(repo).withDb(database.text());
            succeed(local.run("register", "a"));
            succeed(local.run("register", "b"));
            String tokenA = succeed(local.run("token", "issue", "--agent", "a")).stdout().strip();
            String tokenB = succeed(local.run("token", "issue", "--agent", "b")).stdout().strip();
            Process server = local.start("serve", "--bind", hosts.serverAddress() + ":0", "--allow-remote");
            try {
                String url = HuddleProcess.firstLine(server, LIMIT);
                assertThat(url).as("serve's URL").startsWith("http://" + hosts.serverAddress() + ":");
                HuddleProcess a = remote(hosts, A, url, tokenA, repo.resolve("host-a"));
                HuddleProcess b = remote(hosts, B, url, tokenB, repo.resolve("host-b"));
                cutOffAndTakeOver(hosts, local, a, b, url);
            } finally {
                server.destroyForcibly().waitFor();
            }
        }
    }

    private void cutOffAndTakeOver(NetworkHosts hosts, HuddleProcess local, HuddleProcess a, HuddleProcess b, String url)
            throws Exception {
        succeed(a.run("task", "new", "shared work"));
        long claim = token(((Map<?, ?>) succeed(a.run("claim", "T-1", "--json")).json().get("task")).get("token"));
        long lease = token(first(succeed(a.run("lock", "src/x.txt", "--ttl", "5s", "--json")).jsonList("leases")).get("token"));
        Result held = b.run("check", "src/x.txt");
        assertThat(held.exitCode()).as("B sees A's lease over the network: %s", held).isEqualTo(2);

        hosts.plug(A, false);
        Result cut = a.run("lock", "src/y.txt");
        assertThat(cut.exitCode()).as("A is cut off: %s", cut).isEqualTo(1);
        assertThat(cut.stderrLines()).as("%s", cut).hasSize(1).first().asString().contains("cannot reach huddle server at " + url);

        Result lockedByB = until(() -> b.run("lock", "src/x.txt", "--json"), "A's lease expires and B locks src/x.txt");
        long newLease = token(first(lockedByB.jsonList("leases")).get("token"));
        assertThat(newLease).as("B's fencing token").isGreaterThan(lease);
        Result claimedByB = until(() -> b.run("claim-next", "--json"), "A goes offline and B's claim-next takes T-1");
        Map<?, ?> task = (Map<?, ?>) claimedByB.json().get("task");
        assertThat(task.get("id")).isEqualTo("T-1");
        assertThat(token(task.get("token"))).as("B's claim token").isGreaterThan(claim);

        hosts.plug(A, true);
        Result lateUnlock = a.run("unlock", "src/x.txt", "--token", String.valueOf(lease));
        assertThat(lateUnlock.exitCode()).as("A's late unlock with its old token: %s", lateUnlock).isEqualTo(2);
        Result lateDone = a.run("done", "T-1", "--token", String.valueOf(claim));
        assertThat(lateDone.exitCode()).as("A's late done with its old claim token: %s", lateDone).isEqualTo(2);
        List<Map<String, Object>> leases = succeed(local.run("locks", "--json")).jsonList("leases");
        assertThat(leases).singleElement().satisfies(l -> assertThat(l).containsEntry("holder", "b")
                .containsEntry("resource", "src/x.txt"));
        assertThat(succeed(local.run("task", "show", "T-1", "--json")).json()).containsEntry("assignee", "b")
                .containsEntry("status", "claimed");
    }

    /** An agent on {@code host}, in a working directory of its own, reaching the store only through {@code url}. */
    private static HuddleProcess remote(NetworkHosts hosts, int host, String url, String token, Path cwd) throws Exception {
        Files.createDirectories(cwd);
        return HuddleProcess.in(cwd).withEnv("HUDDLE_URL", url).withEnv("HUDDLE_TOKEN", token)
                .wrappedIn(hosts.on(host));
    }

    /** Runs {@code command} every second until it exits 0, within {@link #LIMIT}. */
    private static Result until(Supplier<Result> command, String what) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            Result r = command.get();
            if (r.exitCode() == 0) {
                return r;
            }
            assertThat(System.nanoTime()).as("%s within %s; last: %s", what, LIMIT, r).isLessThan(deadline);
            Thread.sleep(1_000); // real time: the server's clock decides expiry and presence
        }
    }

    private static Map<String, Object> first(List<Map<String, Object>> list) {
        assertThat(list).isNotEmpty();
        return list.getFirst();
    }

    private static long token(Object value) {
        assertThat(value).as("a fencing token").isInstanceOf(Number.class);
        return ((Number) value).longValue();
    }
}

package dev.huddle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.Context;
import dev.huddle.app.LocalCoordinator;
import dev.huddle.app.Pacer;
import dev.huddle.app.Workspace;
import dev.huddle.core.Settings;
import dev.huddle.remote.Discovery;
import dev.huddle.server.Bind;
import dev.huddle.server.HuddleServer;
import dev.huddle.server.ServeMain;
import dev.huddle.server.ServerConfig;
import dev.huddle.store.sqlite.SqliteStore;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI through a server ({@code HUDDLE_URL}) prints the same lines and exits with the same codes
 * as on the store file: the same script runs in two fresh repositories, one local, one through a
 * real API server on a loopback socket, and every step's exit code, stdout and stderr are compared.
 */
class RemoteCliTest {

    @TempDir
    Path localRepo;
    @TempDir
    Path remoteRepo;
    ServeMain.Api api;
    HuddleServer server;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(localRepo.resolve(".git"));
        Files.createDirectories(remoteRepo.resolve(".git"));
        Files.createDirectories(remoteRepo.resolve(".huddle"));
        api = ServeMain.Api.open(() -> new LocalCoordinator(new Context(new SqliteStore(remoteRepo.resolve(".huddle/huddle.db")),
                Settings.DEFAULTS, Clock.systemUTC(), new Workspace(remoteRepo, remoteRepo), Pacer.SLEEP, false)), 8, "test",
                Clock.systemUTC());
        server = HuddleServer.start(ServerConfig.at(new Bind("127.0.0.1", 0)), api.routes(), List.of(), api.authenticator());
    }

    @AfterEach
    void tearDown() {
        server.close();
        api.close();
    }

    /** The discovery file a running {@code huddle serve} writes, with this server's local credential. */
    void publishDiscovery() throws Exception {
        ProcessHandle self = ProcessHandle.current();
        new Discovery(server.url(), self.pid(), self.info().startInstant(), api.credential()).write(remoteRepo.resolve(".huddle"));
    }

    Map<String, String> throughServer() {
        return Map.of("HUDDLE_URL", server.url().toString());
    }

    /** Runs every step locally and through the server; returns the remote runs after checking they match. */
    List<CliRun> same(Map<String, String> remoteEnv, String[]... steps) {
        List<CliRun> remote = new ArrayList<>();
        for (String[] step : steps) {
            CliRun l = CliRun.withEnv(localRepo, Map.of(), step);
            CliRun r = CliRun.withEnv(remoteRepo, remoteEnv, step);
            String what = String.join(" ", step);
            assertThat(r.code()).as("exit of: " + what + "\nlocal: " + l + "\nremote: " + r).isEqualTo(l.code());
            assertThat(comparable(r.out(), remoteRepo)).as("stdout of: " + what).isEqualTo(comparable(l.out(), localRepo));
            assertThat(comparable(r.err(), remoteRepo)).as("stderr of: " + what).isEqualTo(comparable(l.err(), localRepo));
            remote.add(r);
        }
        return remote;
    }

    /** Clock readings (times of day, "in 29m59s") differ by the moment each run happened; nothing else may. */
    static String comparable(String text, Path repo) {
        return text.replace(repo.toString(), "<repo>").replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "<instant>").replaceAll("\\d\\d:\\d\\d(:\\d\\d)?", "<time>")
                .replaceAll("\\b\\d+[hms](\\d+[ms])*\\b", "<duration>");
    }

    static String[] cmd(String... words) {
        return words;
    }

    @Test
    void lockCheckUnlock_grantedDeniedFree_sameOutputAndExits_withTheLocalDiscoveryCredential() throws Exception {
        publishDiscovery();
        List<CliRun> runs = same(throughServer(),
                cmd("register", "alice"), cmd("register", "bob"),
                cmd("lock", "src/a.txt", "--agent", "alice", "--reason", "refactor"),
                cmd("lock", "src/a.txt", "--agent", "bob"),
                cmd("check", "src/a.txt", "--agent", "bob"),
                cmd("check", "src/a.txt", "--agent", "alice"),
                cmd("unlock", "src/a.txt", "--agent", "alice"),
                cmd("check", "src/a.txt", "--agent", "bob"),
                cmd("lock", "--json", "src/b.txt", "--agent", "bob"));
        assertThat(runs.get(2).code()).isZero();
        assertThat(runs.get(3).code()).isEqualTo(ExitCode.DENIED);
        assertThat(runs.get(3).out() + runs.get(3).err()).contains("alice");
        assertThat(runs.get(4).code()).isEqualTo(ExitCode.DENIED);
        assertThat(runs.get(7).code()).isZero();
    }

    @Test
    void withAnAgentToken_theCallerIsTheTokensAgent_noAgentFlagNeeded() {
        same(Map.of(), cmd("register", "alice"), cmd("register", "bob"));
        String token = CliRun.withEnv(remoteRepo, Map.of(), "token", "issue", "--agent", "bob").out().strip();
        CliRun local = CliRun.withEnv(localRepo, Map.of(), "lock", "x", "--agent", "bob");
        CliRun remote = CliRun.withEnv(remoteRepo, Map.of("HUDDLE_URL", server.url().toString(), "HUDDLE_TOKEN", token),
                "lock", "x");
        assertThat(remote.code()).isEqualTo(local.code()).isZero();
        assertThat(comparable(remote.out(), remoteRepo)).isEqualTo(comparable(local.out(), localRepo));
        assertThat(CliRun.withEnv(remoteRepo, Map.of(), "locks").out()).contains("bob");
    }

    /** An operator need not be an agent: whoami says who the token is; acting as that id fails as the id's. */
    @Test
    void whoami_withAnOperatorTokenOfNoAgent_saysWhoTheTokenIs_exit0() {
        same(Map.of(), cmd("register", "alice"));
        String ops = CliRun.withEnv(remoteRepo, Map.of(), "token", "issue", "--agent", "ops", "--operator").out().strip();
        String alice = CliRun.withEnv(remoteRepo, Map.of(), "token", "issue", "--agent", "alice").out().strip();
        Map<String, String> asOps = Map.of("HUDDLE_URL", server.url().toString(), "HUDDLE_TOKEN", ops);

        CliRun text = CliRun.withEnv(remoteRepo, asOps, "whoami");
        assertThat(text.code()).as(text.toString()).isZero();
        assertThat(text.out()).isEqualTo("ops  not a registered agent  operator\n");
        CliRun json = CliRun.withEnv(remoteRepo, asOps, "whoami", "--json");
        assertThat(json.code()).as(json.toString()).isZero();
        assertThat(json.out()).isEqualTo("{\"id\":\"ops\",\"registered\":false,\"operator\":true}\n");
        CliRun lock = CliRun.withEnv(remoteRepo, asOps, "lock", "x");
        assertThat(lock.code()).isEqualTo(ExitCode.ERROR);
        assertThat(lock.err()).contains("unknown agent 'ops'", "huddle register ops");

        // An agent's token, and the agent on the file, read as before (plus the two flags in JSON).
        CliRun agent = CliRun.withEnv(remoteRepo, Map.of("HUDDLE_URL", server.url().toString(), "HUDDLE_TOKEN", alice),
                "whoami", "--json");
        assertThat(agent.out()).startsWith("{\"id\":\"alice\"").endsWith(",\"registered\":true,\"operator\":false}\n");
        assertThat(CliRun.withEnv(localRepo, Map.of(), "whoami", "--agent", "alice").out()).startsWith("alice  active");
        CliRun unknown = CliRun.withEnv(localRepo, Map.of(), "whoami", "--agent", "ops");
        assertThat(unknown.code()).isEqualTo(ExitCode.ERROR);
        assertThat(unknown.err()).contains("unknown agent 'ops'");
    }

    @Test
    void sendRecv_claimRaceLoser_badInput_sameOutputAndExits() throws Exception {
        publishDiscovery();
        List<CliRun> runs = same(throughServer(),
                cmd("register", "alice"), cmd("register", "bob"),
                cmd("send", "bob", "please", "review", "--agent", "alice", "--subject", "review"),
                cmd("recv", "--agent", "bob"),
                cmd("recv", "--agent", "bob"),
                cmd("task", "new", "fix", "the", "bug", "--agent", "alice"),
                cmd("claim", "T-1", "--agent", "alice"),
                cmd("claim", "T-1", "--agent", "bob"),
                cmd("lock", "../outside", "--agent", "alice"),
                cmd("lock", "x", "--ttl", "soon", "--agent", "alice"),
                cmd("recv", "--agent", "ghost"),
                cmd("task", "show", "T-99", "--agent", "alice"));
        assertThat(runs.get(3).out()).contains("please review");
        assertThat(runs.get(7).code()).isEqualTo(ExitCode.DENIED);
        assertThat(runs.get(8).code()).isEqualTo(ExitCode.USAGE);
        assertThat(runs.get(9).code()).isEqualTo(ExitCode.USAGE);
        assertThat(runs.get(10).code()).isEqualTo(ExitCode.ERROR);
    }

    /** The streams and the inbox wait: same lines, same exits, the deliveries of one seen by the next. */
    @Test
    void watchAndInboxWait_sameOutputAndExits() throws Exception {
        publishDiscovery();
        List<CliRun> runs = same(throughServer(),
                cmd("register", "alice"), cmd("register", "bob"), cmd("register", "carol"),
                cmd("send", "bob", "first", "--agent", "alice"),
                cmd("send", "carol", "not for bob", "--agent", "alice"),
                cmd("watch", "--agent", "bob", "--count", "1"),
                cmd("watch", "--agent", "bob", "--timeout", "300ms"),
                cmd("send", "bob", "second", "--subject", "S", "--agent", "carol"),
                cmd("inbox", "--wait", "--agent", "bob"),
                cmd("inbox", "--wait", "300ms", "--agent", "bob"),
                cmd("inbox", "--wait", "300ms", "--agent", "bob", "--json"),
                cmd("watch", "--all", "--since", "0", "--count", "5", "--json"),
                cmd("watch", "--all", "--since", "2", "--kind", "message", "--timeout", "300ms"),
                cmd("watch", "--agent", "ghost", "--timeout", "300ms"),
                cmd("inbox", "--wait", "1s", "--agent", "ghost"));
        assertThat(runs.get(5).out()).contains("first").doesNotContain("not for bob");
        assertThat(runs.get(6).out()).isEmpty();
        assertThat(runs.get(8).out()).contains("second");
        assertThat(runs.get(9).code()).isEqualTo(ExitCode.NOT_READY);
        assertThat(runs.get(11).out().lines()).hasSize(5);
        assertThat(runs.get(13).code()).isEqualTo(ExitCode.ERROR);
    }

    @Test
    void serverDown_exit1_oneLineSayingHowToFix() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/";
        CliRun r = CliRun.withEnv(localRepo, Map.of("HUDDLE_URL", url, "HUDDLE_TOKEN", "t"), "lock", "x", "--agent", "alice");
        assertThat(r.code()).isEqualTo(ExitCode.ERROR);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("huddle: cannot reach huddle server at " + url
                + " (connection refused); start it with `huddle serve` or unset HUDDLE_URL\n");
        assertThat(Files.exists(localRepo.resolve(".huddle/huddle.db"))).as("no fallback to the file").isFalse();
    }

    @Test
    void noTokenAndNotThisStoresServer_exit1_sayingToSetHuddleToken() {
        CliRun r = CliRun.withEnv(remoteRepo, throughServer(), "lock", "x", "--agent", "alice");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.ERROR);
        assertThat(r.err()).contains("refused the credential").contains("HUDDLE_TOKEN").doesNotContain("\tat ");
    }

    @Test
    void badHuddleUrl_exit64_oneLine() {
        CliRun r = CliRun.withEnv(remoteRepo, Map.of("HUDDLE_URL", "localhost:7431"), "locks");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("huddle: HUDDLE_URL 'localhost:7431' is not a server URL").endsWith("\n").hasLineCount(1);
    }

    @Test
    void dryRun_throughTheServer_reportsAsLocally_andWritesNothing() throws Exception {
        publishDiscovery();
        List<CliRun> runs = same(throughServer(),
                cmd("register", "alice"), cmd("register", "bob"),
                cmd("lock", "x", "--dry-run", "--agent", "alice"),
                cmd("lock", "y", "--agent", "bob"),
                cmd("lock", "y", "--dry-run", "--agent", "alice"),
                cmd("send", "bob", "hi", "--dry-run", "--agent", "alice"),
                cmd("create", "a task", "--dry-run", "--agent", "alice"),
                cmd("locks", "--json"),
                cmd("inbox", "--agent", "bob"),
                cmd("tasks", "--json"));
        assertThat(runs.get(2).code()).isZero();
        assertThat(runs.get(2).out()).contains("dry run");
        assertThat(runs.get(4).code()).isEqualTo(ExitCode.DENIED);
        // Nothing rehearsed was kept: bob's lease alone, no message, no task.
        assertThat(runs.get(7).out()).contains("bob").doesNotContain("\"x\"");
        assertThat(runs.get(8).out()).doesNotContain("hi");
        assertThat(runs.get(9).out()).doesNotContain("a task");
    }

    @Test
    void localCommands_workOnTheFile_evenWithHuddleUrlSet() {
        CliRun.withEnv(remoteRepo, Map.of(), "register", "alice");
        CliRun r = CliRun.withEnv(remoteRepo, Map.of("HUDDLE_URL", "http://127.0.0.1:1/"), "token", "issue", "--agent", "alice");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).isNotEmpty();
        assertThat(Optional.of(r.err())).isPresent();
    }
}

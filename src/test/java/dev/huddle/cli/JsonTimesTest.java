package dev.huddle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One lease printed its expiry at two precisions ({@code lock --json} nanoseconds, {@code locks
 * --json} milliseconds). The class: each view formatting times its own way. Every time in every
 * JSON view is now {@code TimeText}'s ISO-8601 UTC with milliseconds; this drives every command
 * that prints JSON and checks every time-looking value and every {@code *_at}/{@code at} field.
 */
class JsonTimesTest {

    static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    static final Pattern LOOKS_LIKE_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT.*");

    /**
     * Commands whose JSON is not checked here, and why; every other command must appear in the script,
     * so a new command is either covered or listed with its reason.
     */
    static final Map<String, String> NOT_DRIVEN = Map.ofEntries(
            Map.entry("hook", "answers in each agent program's protocol (HookAdapterTest)"),
            Map.entry("install", "its JSON is a report of files (InstallCliTest)"),
            Map.entry("uninstall", "its JSON is a report of files (InstallCliTest)"),
            Map.entry("guard", "needs a real git repository (GitGuardIT)"),
            Map.entry("import", "restores into an empty store only (DumpRowsContract)"),
            Map.entry("migrate", "its JSON holds locations and row counts, no time (MigrateCommandTest)"),
            Map.entry("watch", "driven below with --all, as JSON lines"),
            Map.entry("broadcast", "the same views as send"),
            Map.entry("search", "the same views as thread"),
            Map.entry("serve", "runs until stopped; its one JSON line is a URL (ServeIT)"),
            Map.entry("mcp", "speaks JSON-RPC on stdio, not the CLI's JSON views (McpStdioIT)"));

    @TempDir
    Path repo;

    final List<Map<String, Object>> documents = new ArrayList<>();
    final Set<String> driven = new HashSet<>();

    Map<String, Object> json(String... args) {
        CliRun r = CliRun.run(repo, args);
        assertThat(r.code()).as("%s\n%s", String.join(" ", args), r).isIn(0, 2, 3);
        Map<String, Object> doc = Json.readObject(r.out());
        documents.add(doc);
        driven.add(args[0]);
        return doc;
    }

    @Test
    void everyTimeInEveryJsonView_isIsoUtcWithMilliseconds() throws Exception {
        Files.createDirectories(repo.resolve(".git"));
        json("init", "--json", "--no-agents-md");
        json("onboard", "--json");
        json("register", "alice", "--json");
        json("register", "bob", "--role", "reviewer", "--json");
        json("whoami", "--json", "--agent", "alice");
        json("heartbeat", "--json", "--agent", "alice");
        Map<String, Object> lock = json("lock", "src/a.py", "--reason", "r", "--task", "T-1", "--json", "--agent", "alice");
        Map<String, Object> locks = json("locks", "--json");
        json("locks", "--all", "--json");
        json("check", "src/a.py", "--json", "--agent", "bob");
        json("check", "src/a.py", "--json", "--agent", "alice");
        json("renew", "--json", "--agent", "alice");
        json("send", "bob", "hello", "--thread", "T-1", "--json", "--agent", "alice");
        json("inbox", "--json", "--agent", "bob");
        json("read", "1", "--json", "--agent", "bob");
        json("ack", "1", "--json", "--agent", "bob");
        json("recv", "--json", "--agent", "alice");
        json("thread", "T-1", "--json");
        json("task", "new", "Parser", "--file", "src/b.py", "--json", "--agent", "alice");
        json("task", "new", "Lexer", "--blocked-by", "T-1", "--json", "--agent", "alice");
        json("ready", "--json");
        json("claim", "T-1", "--json", "--agent", "bob");
        json("claim-next", "--json", "--agent", "alice");
        json("amend", "T-1", "a remark", "--json", "--agent", "bob");
        json("escalate", "T-1", "--json", "--agent", "alice");
        json("block", "T-1", "--reason", "vendor", "--json", "--agent", "bob");
        json("unblock", "T-1", "--json", "--agent", "bob");
        json("unclaim", "T-1", "--json", "--agent", "bob");
        json("claim", "T-1", "--json", "--agent", "bob");
        json("done", "T-1", "--conclusion", "fixed", "--json", "--agent", "bob");
        json("reopen", "T-1", "--json", "--agent", "alice");
        json("cancel", "T-1", "--json", "--agent", "alice");
        json("task", "show", "T-1", "--json");
        json("task", "list", "--json");
        json("dep", "tree", "T-2", "--json");
        json("queue", "check", "--json");
        json("queue", "list", "--json");
        json("queue", "blockers", "--json");
        json("decide", "use tabs", "--task", "T-1", "--json", "--agent", "alice");
        json("decisions", "--json");
        json("summary", "start", "--order", "alice", "--json", "--agent", "alice");
        json("summary", "write", "all good", "--json", "--agent", "alice");
        json("summary", "status", "--json");
        json("summary", "collect", "--json", "--agent", "alice");
        json("frontier", "--epoch", "0", "--json");
        json("sync", "--json", "--agent", "alice");
        json("status", "--json", "--agent", "alice");
        json("prime", "--json", "--agent", "bob");
        json("log", "--json");
        json("agents", "--all", "--json");
        json("unlock", "src/a.py", "--json", "--agent", "alice");
        json("export", "--jsonl", repo.resolve("dump.jsonl").toString(), "--json");
        json("backup", repo.resolve("copy.db").toString(), "--json");
        json("gc", "--json");
        Map<String, Object> token = json("token", "issue", "--agent", "alice", "--ttl", "1d", "--json");
        json("token", "list", "--json");
        json("token", "revoke", (String) token.get("id"), "--json");
        json("leave", "--json", "--agent", "bob");
        CliRun watch = CliRun.run(repo, "watch", "--all", "--since", "0", "--count", "1000", "--timeout", "300ms", "--json");
        watch.out().lines().map(Json::readObject).forEach(documents::add);

        assertThat(Commands.NAMES).allSatisfy(name -> assertThat(driven.contains(name) || NOT_DRIVEN.containsKey(name))
                .as("%s: drive it here, or say in NOT_DRIVEN why not", name).isTrue());
        List<String> times = new ArrayList<>();
        documents.forEach(d -> collect(d, "", times));
        assertThat(times.size()).as("times seen").isGreaterThan(100);
        assertThat(times).allSatisfy(t -> assertThat(t).matches(TIME));

        Map<?, ?> granted = (Map<?, ?>) ((List<?>) lock.get("leases")).getFirst();
        Map<?, ?> listed = (Map<?, ?>) ((List<?>) locks.get("leases")).getFirst();
        assertThat(listed.get("expires_at")).as("one lease, one expiry").isEqualTo(granted.get("expires_at"));
        assertThat(listed.get("granted_at")).isEqualTo(granted.get("granted_at"));
    }

    @Test
    void everyTimeInText_isTheSameFormat() throws Exception {
        Files.createDirectories(repo.resolve(".git"));
        for (String[] args : List.of(new String[] {"register", "alice"}, new String[] {"lock", "a", "--agent", "alice"},
                new String[] {"task", "new", "T", "--agent", "alice"}, new String[] {"amend", "T-1", "note", "--agent", "alice"},
                new String[] {"summary", "start", "--order", "alice", "--agent", "alice"},
                new String[] {"summary", "write", "done", "--agent", "alice"})) {
            assertThat(CliRun.run(repo, args).code()).isZero();
        }
        StringBuilder text = new StringBuilder();
        for (String[] args : List.of(new String[] {"task", "show", "T-1"}, new String[] {"check", "a", "--agent", "alice"},
                new String[] {"summary", "collect", "--agent", "alice"})) {
            text.append(CliRun.run(repo, args).out());
        }
        var found = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT[0-9:.]*Z?").matcher(text);
        List<String> times = new ArrayList<>();
        while (found.find()) {
            times.add(found.group());
        }
        assertThat(times).hasSizeGreaterThan(4).allSatisfy(t -> assertThat(t).matches(TIME));
    }

    /** Every string that looks like a time, and every value of a field named like one. */
    private static void collect(Object node, String key, List<String> times) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> collect(v, k.toString(), times));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collect(v, key, times));
        } else if (key.endsWith("_at") || key.equals("at")) {
            times.add(String.valueOf(node));
        } else if (node instanceof String s && LOOKS_LIKE_TIME.matcher(s).matches()) {
            times.add(s);
        }
    }
}

package dev.huddle.cli;

import dev.huddle.core.text.UntrustedFrame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user tried and found missing or wrong (issue 7), each as the user meets it. */
class NewUserCliTest {

    @TempDir
    Path repo;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(repo.resolve(".git"));
        Files.writeString(repo.resolve("huddle.toml"), """
                [queues.reviews]
                handler = "reviewer"
                sla_minutes = 60
                id_prefix = "REV"
                """);
        ok("register", "alice");
        ok("register", "bob", "--role", "reviewer");
    }

    CliRun run(String... args) {
        return CliRun.run(repo, args);
    }

    CliRun ok(String... args) {
        CliRun r = run(args);
        assertThat(r.code()).as("%s\n%s", String.join(" ", args), r).isZero();
        return r;
    }

    Map<String, Object> json(String... args) {
        return Json.readObject(ok(args).out());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    /** T-1 claimed by bob, T-2 ready (P0), T-3 blocked by alice, T-4 waiting on T-1, REV-1 ready. */
    void board() {
        ok("task", "new", "Parser", "--agent", "alice");
        ok("task", "new", "Urgent fix", "--priority", "P0", "--agent", "alice");
        ok("task", "new", "Vendor API", "--agent", "alice");
        ok("task", "new", "After the parser", "--blocked-by", "T-1", "--agent", "alice");
        ok("task", "new", "Review the lexer", "--queue", "reviews", "--agent", "alice");
        ok("claim", "T-1", "--agent", "bob");
        ok("claim", "T-3", "--agent", "alice");
        ok("block", "T-3", "--reason", "waiting for the vendor", "--agent", "alice");
    }

    @Nested
    class Status {

        @Test
        void text_showsTheBoard_whoHoldsWhat_ready_blocked() {
            board();
            String out = ok("status", "--agent", "alice").out();
            assertThat(unframed(out)).contains("you are alice")
                    .contains("tasks: 3 open, 1 claimed, 1 blocked, 0 done, 0 cancelled; 0 overdue")
                    .containsPattern("claimed:\\n +T-1 +P2 +claimed +default +Parser +\\(bob, token \\d+\\)")
                    .containsPattern("ready:\\n +T-2 .*Urgent fix\\n +REV-1 .*Review the lexer")
                    .containsPattern("blocked:\\n +T-3 .*Vendor API");
            String board = unframed(out);
            assertThat(board.substring(board.indexOf("ready:"), board.indexOf("blocked:"))).doesNotContain("T-4");
        }

        @Test
        void json_hasTheBoard_andTheCaller() {
            board();
            Map<String, Object> s = json("status", "--json", "--agent", "bob");
            assertThat(s).containsEntry("caller", "bob");
            Map<String, Object> tasks = map(s.get("tasks"));
            assertThat(map(tasks.get("counts"))).containsEntry("open", 3).containsEntry("claimed", 1)
                    .containsEntry("blocked", 1).containsEntry("overdue", 0);
            assertThat(list(tasks.get("claimed"))).singleElement()
                    .satisfies(t -> assertThat(t).containsEntry("id", "T-1").containsEntry("assignee", "bob"));
            assertThat(list(tasks.get("ready"))).extracting(t -> t.get("id")).containsExactly("T-2", "REV-1");
            assertThat(tasks).containsEntry("ready_more", false);
            assertThat(list(tasks.get("blocked"))).extracting(t -> t.get("id")).containsExactly("T-3");
            assertThat(list(tasks.get("overdue"))).isEmpty();
        }

        @Test
        void compact_namesTheCaller_orSaysNoneIsNamed() {
            board();
            assertThat(ok("status", "--compact", "--agent", "bob").out().lines()).singleElement().asString()
                    .startsWith("you are bob: ").contains("1 claimed, 2 ready, 1 blocked, 0 overdue");
            assertThat(ok("status", "--compact").out()).startsWith("no agent named");
            assertThat(ok("status", "--compact", "--agent", "zed").out()).startsWith("you are zed (not registered");
        }

        @Test
        void emptyBoard_saysHowToStart() {
            assertThat(ok("status").out()).contains("tasks: none yet ('huddle task new TITLE' adds one)");
        }
    }

    @Nested
    class Prime {

        @Test
        void showsTheCallersClaims_andTheReadyWork_asTheSessionStartDoes() {
            board();
            String out = ok("prime", "--agent", "bob").out();
            assertThat(out).contains("task(s) you hold").containsPattern("Your tasks:\\n- T-1 P2 \\[claimed\\] Parser")
                    .containsPattern("Ready work[^\\n]*:\\n- T-2 P0 \\[open\\] Urgent fix\\n- REV-1 ");
            assertThat(out.strip()).endsWith("</huddle-context>");
            Map<String, Object> j = json("prime", "--json", "--agent", "alice");
            assertThat(list(j.get("claims"))).extracting(t -> t.get("id")).containsExactly("T-3");
            assertThat(list(j.get("ready"))).extracting(t -> t.get("id")).containsExactly("T-2", "REV-1");
        }
    }

    @Nested
    class QueueCheck {

        @Test
        void listsTheTasksWaitingInEachQueue_withTheirAgeAgainstTheSla() {
            board();
            ok("task", "new", "Second review", "--queue", "reviews", "--agent", "alice");
            ok("claim", "T-2", "--agent", "alice");
            ok("done", "T-2", "--agent", "alice");
            String out = ok("queue", "check").out();
            assertThat(unframed(out)).containsPattern("reviews .*\\n +REV-1 .*Review the lexer.* age \\d+s of a 1h00m SLA\\n +REV-2 .*Second review")
                    .containsPattern("default .*\\n +T-1 .*age \\d+s \\(no SLA\\)\\n +T-3 .*\\n +T-4 ");
            assertThat(out).doesNotContain("Urgent fix");
            Map<String, Object> j = json("queue", "check", "reviews", "--json");
            Map<String, Object> reviews = list(j.get("queues")).getFirst();
            assertThat(reviews).containsEntry("name", "reviews").containsEntry("waiting_more", false);
            assertThat(list(reviews.get("waiting"))).extracting(t -> t.get("id")).containsExactly("REV-1", "REV-2");
            assertThat(list(reviews.get("waiting")).getFirst()).containsKeys("age_seconds", "due_at", "overdue");
            List<Map<String, Object>> all = list(json("queue", "check", "--json").get("queues"));
            assertThat(all).extracting(q -> q.get("name")).containsExactly("default", "reviews");
            assertThat(list(all.getFirst().get("waiting"))).extracting(t -> t.get("id")).containsExactly("T-1", "T-3", "T-4");
        }
    }

    @Nested
    class Watch {

        @Test
        void aLoopOfCountOne_seesEachMessageOnce_inOrder_thenWaitsForTheNext() {
            ok("send", "bob", "first", "--agent", "alice");
            ok("send", "bob", "second", "--agent", "alice");
            assertThat(watchOnce()).containsExactly("first");
            assertThat(watchOnce()).containsExactly("second");
            assertThat(watchOnce()).as("nothing new: waits out its timeout").isEmpty();
            ok("send", "bob", "third", "--agent", "alice");
            assertThat(watchOnce()).containsExactly("third");
            List<Map<String, Object>> inbox = list(json("inbox", "--json", "--agent", "bob").get("messages"));
            assertThat(inbox).as("shown, still unread").extracting(m -> m.get("body")).containsExactly("first", "second", "third");
            assertThat(inbox).allSatisfy(m -> assertThat(m).containsKey("delivered_at"));
        }

        @Test
        void messagesAHookAlreadyPutInTheContext_areNotShownAgain() {
            ok("send", "bob", "seen at session start", "--agent", "alice");
            CliRun start = CliRun.withStdin(repo, "{\"session_id\":\"s-1\",\"hook_event_name\":\"SessionStart\",\"source\":\"startup\",\"cwd\":\""
                    + repo + "\"}", "hook", "claude", "session-start", "--agent", "bob");
            assertThat(start.code()).isZero();
            assertThat(start.out()).contains("seen at session start");
            ok("send", "bob", "new one", "--agent", "alice");
            assertThat(watchOnce()).containsExactly("new one");
        }

        List<Object> watchOnce() {
            CliRun r = ok("watch", "--count", "1", "--timeout", "700ms", "--json", "--agent", "bob");
            return r.out().lines().map(Json::readObject).map(m -> m.get("body")).toList();
        }
    }

    @Nested
    class CheckYours {

        @Test
        void aPathYouHold_isFreeForYou_andSaysUntilWhen_text() {
            ok("lock", "src/a.py", "--agent", "alice");
            CliRun mine = ok("check", "src/a.py", "--agent", "alice");
            assertThat(mine.out().strip()).matches("src/a\\.py: free for you; you hold an exclusive lease on src/a\\.py until "
                    + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z \\([0-9hms]+ left, token \\d+\\)");
            assertThat(ok("check", "src", "--agent", "alice").out()).contains("src: free for you; you hold an exclusive lease on src/a.py");
            assertThat(ok("check", "other.py", "--agent", "alice").out().strip()).isEqualTo("other.py: free");
            assertThat(run("check", "src/a.py", "--agent", "bob").code()).isEqualTo(2);
        }

        @Test
        void json_listsYourLeasesOnEachPath() {
            Map<String, Object> lock = json("lock", "src/a.py", "--json", "--agent", "alice");
            Map<String, Object> lease = list(lock.get("leases")).getFirst();
            Map<String, Object> check = json("check", "src/a.py", "b", "--json", "--agent", "alice");
            assertThat(check).containsEntry("free", true);
            Map<String, Object> held = list(check.get("paths")).getFirst();
            assertThat(list(held.get("yours"))).singleElement().satisfies(l -> assertThat(l)
                    .containsEntry("resource", "src/a.py").containsEntry("expires_at", lease.get("expires_at"))
                    .containsEntry("token", lease.get("token")));
            assertThat(list(list(check.get("paths")).get(1).get("yours"))).isEmpty();
            CliRun bob = run("check", "src/a.py", "--json", "--agent", "bob");
            assertThat(bob.code()).isEqualTo(2);
            assertThat(list(list(Json.readObject(bob.out()).get("paths")).getFirst().get("yours"))).as("someone else's check").isEmpty();
        }
    }

    /** The output without the untrusted frames' own lines (the frame itself is tested in AgentTextFramingTest). */
    private static String unframed(String out) {
        return out.lines()
                .filter(l -> !l.equals(UntrustedFrame.OPEN) && !l.equals(UntrustedFrame.NOTICE) && !l.equals(UntrustedFrame.CLOSE))
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    }
}

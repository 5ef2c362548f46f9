package dev.huddle.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.lease.LockOutcome;
import dev.huddle.app.task.ClaimOutcome;
import dev.huddle.app.task.NewTask;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.lease.Waiter;
import dev.huddle.core.task.Dependency;
import dev.huddle.core.task.Task;
import dev.huddle.testing.TestHuddle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal an MCP tool can meet is a tool error naming the holder and why, then
 * {@code next:} with a tool call to make: a tool of the table, never a CLI command (issue 9).
 */
class McpRefusalsTest {

    private static final Pattern CALL = Pattern.compile("call (\\w+)");

    @TempDir
    Path root;

    TestHuddle h;
    ToolCalls calls;

    @BeforeEach
    void open() {
        h = new TestHuddle(root);
        calls = new ToolCalls(Store.serial(h.coordinator), h.clock, System.err);
        h.register("lead");
    }

    @AfterEach
    void close() {
        h.close();
    }

    Answer call(Caller who, String tool, Map<String, Object> args) {
        return calls.call(Tools.named(tool).orElseThrow(), who, args);
    }

    StdioCaller as(String agent) {
        h.register(agent);
        return new StdioCaller(h.coordinator, Optional.of(agent), "s-" + agent);
    }

    Task task(String title, Task... blockedBy) {
        return h.coordinator.tasks().create(new NewTask(AgentId.of("lead"), title, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), List.of(), Optional.empty(), List.of(blockedBy).stream().map(Task::id).toList()));
    }

    /** The refusal's {@code next:} line; asserts it names only tools of the table and no CLI command. */
    static String next(Answer refused) {
        assertThat(refused.isError()).as(refused.text()).isTrue();
        assertThat(refused.structuredContent()).isNull();
        assertThat(refused.text()).doesNotContain("huddle ", "--", "'huddle");
        String next = refused.text().lines().filter(l -> l.startsWith("next: ")).findFirst().orElseThrow(
                () -> new AssertionError("no next: line in " + refused.text()));
        Matcher calls = CALL.matcher(next);
        int found = 0;
        while (calls.find()) {
            assertThat(Tools.named(calls.group(1))).as("tool in '%s'", next).isPresent();
            found++;
        }
        assertThat(found).as("tool calls in '%s'", next).isPositive();
        return next;
    }

    @Nested
    class Reserve {
        @Test
        void heldByAnother_namesHolderUntilWhen_andSaysCheckSendOrReady() {
            StdioCaller alice = as("alice");
            call(alice, "reserve", Map.of("paths", List.of("src/A.java"), "ttl", "30m", "reason", "refactor"));

            Answer refused = call(as("bob"), "reserve", Map.of("paths", List.of("src/A.java")));

            assertThat(refused.text()).contains("src/A.java: held by alice", "until", "30m left", "refactor");
            assertThat(next(refused)).contains("call check", "call send with to=[alice]", "call ready", "do not edit");
        }

        @Test
        void agentsQueuedAhead_sayReserveAgainLater() {
            var denied = new LockOutcome.Denied(List.of(), List.of(new Waiter(1, AgentId.of("carol"),
                    List.of(Resource.fromText("src/A.java")), LeaseMode.EXCLUSIVE, h.clock.instant())), false);

            Answer refused = Answer.error(McpRefusals.text(denied, h.clock.instant()));

            assertThat(refused.text()).contains("carol is queued ahead for", "src/A.java");
            assertThat(next(refused)).contains("call reserve again later");
        }
    }

    @Nested
    class Release {
        @Test
        void anotherAgentsLease_namesHolderAndUntil_andSaysSendToTheHolder() {
            call(as("alice"), "reserve", Map.of("paths", List.of("src/A.java"), "ttl", "1h"));

            Answer refused = call(as("bob"), "release", Map.of("paths", List.of("src/A.java")));

            assertThat(refused.text()).contains("src/A.java", "held by alice", "until", "1h00m left");
            assertThat(next(refused)).contains("call send with to=[alice]", "release");
        }
    }

    @Nested
    class Claim {
        @Test
        void heldByAnother_namesTheHolder_andSaysSendOrReady() {
            Task t = task("parser");
            call(as("alice"), "claim", Map.of("id", t.id().text()));

            Answer refused = call(as("bob"), "claim", Map.of("id", t.id().text()));

            assertThat(refused.text()).contains(t.id().text() + " is claimed by alice");
            assertThat(next(refused)).contains("call send with to=[alice]", "call ready");
        }

        @Test
        void aDoneTask_saysReadyForOtherWork_notReopen() {
            Task t = task("parser");
            StdioCaller alice = as("alice");
            call(alice, "claim", Map.of("id", t.id().text()));
            call(alice, "done", Map.of("id", t.id().text()));

            Answer refused = call(as("bob"), "claim", Map.of("id", t.id().text()));

            assertThat(refused.text()).contains(t.id().text() + " is done").doesNotContain("reopen");
            assertThat(next(refused)).contains("call ready");
        }

        @Test
        void aTaskWaitingOnAnother_namesTheBlocker_andSaysReady() {
            Task blocker = task("lexer");
            Task t = task("parser", blocker);

            Answer refused = call(as("bob"), "claim", Map.of("id", t.id().text()));

            assertThat(refused.text()).contains("waits on " + blocker.id().text(), "lexer");
            assertThat(next(refused)).contains("call ready", blocker.id().text() + " must be done first");
        }

        @Test
        void nothingReady_saysReadyLater() {
            Answer refused = call(as("bob"), "claim", Map.of());

            assertThat(next(refused)).contains("call ready later", "call inbox");
        }

        @Test
        void filesHeld_saysClaimAgainOnceFree_andWhoToAsk() {
            StdioCaller alice = as("alice");
            call(alice, "reserve", Map.of("paths", List.of("src/A.java")));
            as("bob");
            var denied = (LockOutcome.Denied) h.coordinator.leases().lock(new dev.huddle.app.lease.LockRequest(AgentId.of("bob"),
                    List.of("src/A.java"), LeaseMode.EXCLUSIVE, Optional.of(Duration.ofMinutes(5)), Optional.empty(),
                    Optional.empty(), Optional.empty()));

            Answer refused = Answer.error(McpRefusals.text(new ClaimOutcome.FilesHeld(task("parser"), denied), h.clock.instant()));

            assertThat(refused.text()).contains("held by alice");
            assertThat(next(refused)).contains("call claim again", "call send with to=[alice]");
        }
    }

    @Nested
    class Done {
        @Test
        void aTaskAnotherHolds_namesTheHolder_andSaysSendOrReady() {
            Task t = task("parser");
            call(as("alice"), "claim", Map.of("id", t.id().text()));

            Answer refused = call(as("bob"), "done", Map.of("id", t.id().text()));

            assertThat(refused.text()).contains(t.id().text() + " is claimed by alice");
            assertThat(next(refused)).contains("call send with to=[alice]", "call ready");
        }

        @Test
        void anOpenTask_saysClaimItFirst() {
            Task t = task("parser");

            Answer refused = call(as("bob"), "done", Map.of("id", t.id().text()));

            assertThat(next(refused)).contains("call claim with id " + t.id().text());
        }

        @Test
        void aTaskWithAnOpenBlocker_namesIt_andSaysReady() {
            Task t = task("parser");
            StdioCaller bob = as("bob");
            call(bob, "claim", Map.of("id", t.id().text()));
            Task blocker = task("lexer");
            h.coordinator.tasks().addDependency(AgentId.of("lead"), new Dependency(blocker.id(), t.id()));

            Answer refused = call(bob, "done", Map.of("id", t.id().text()));

            assertThat(refused.text()).contains("waits on " + blocker.id().text());
            assertThat(next(refused)).contains(blocker.id().text() + " must be done first");
        }
    }
}

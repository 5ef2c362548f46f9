package dev.huddle.it;

import static dev.huddle.it.Outcomes.assertCleanRefusal;
import static dev.huddle.it.Outcomes.assertNoStackTrace;
import static dev.huddle.it.Outcomes.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.it.HuddleProcess.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DESIGN §1.5 and §9 through real processes: bad input gets the documented exit code, one line
 * on standard error, no stack trace, and changes nothing in the store. Each test works on its own
 * copy of a seeded store (alice and bob registered, bob with role {@code rev}; alice holds
 * {@code src/held.txt}; one message from alice to bob), on each {@link Backend}: a copy of the
 * file, or a database made from the seeded one as template.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class BadInputIT {

    private static final String ESC = "\u001b";
    private static final String BEL = "\u0007";

    @TempDir
    static Path seeded;
    /** The seeded store of the running backend, which each test copies. */
    private static Backend.Store seed;

    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    private Backend.Store store;
    private HuddleProcess alice;

    @BeforeParameterizedClassInvocation
    static void seedStore(Backend backend) throws IOException {
        Path where = Files.createDirectories(seeded.resolve(backend.name()));
        seed = backend.create(where);
        HuddleProcess huddle = HuddleProcess.in(where).withDb(seed.db());
        succeed(huddle.run("register", "alice"));
        succeed(huddle.run("register", "bob", "--role", "rev"));
        succeed(huddle.as("alice").run("lock", "src/held.txt", "--reason", "seed"));
        succeed(huddle.as("alice").run("send", "bob", "seed message"));
    }

    @AfterParameterizedClassInvocation
    static void dropSeed() {
        if (seed != null) {
            seed.close();
            seed = null;
        }
    }

    @BeforeEach
    void copySeededStore() throws IOException {
        store = seed.copyTo(dir);
        alice = HuddleProcess.in(dir).withDb(store.db()).as("alice");
    }

    @AfterEach
    void dropCopy() {
        if (store != null) {
            store.close();
        }
    }

    @Nested
    class Send {

        @Test
        void send_whenTextEmpty_exits64() {
            assertRefusedWithoutWrites(64, "send", "bob", "");
        }

        @Test
        void send_whenTextArgumentOver64KiB_exits64() {
            assertRefusedWithoutWrites(64, "send", "bob", "a".repeat(64 * 1024 + 1));
        }

        @Test
        void send_whenTenMegabytesOnStdin_exits64WithoutCrashing() {
            byte[] body = new byte[10 * 1024 * 1024];
            Arrays.fill(body, (byte) 'a');

            Result result = assertRefusedWithoutWrites(body, 64, "send", "bob", "-");

            assertThat(result.stderr()).doesNotContain("OutOfMemoryError").contains("64 KiB");
        }

        @Test
        void send_whenRecipientUnknown_exits1() {
            Result result = assertRefusedWithoutWrites(1, "send", "carol", "hi");

            assertThat(result.stderr()).contains("carol");
        }

        @Test
        void send_whenRoleHasNoOtherMember_exits1() {
            Result result = assertRefusedWithoutWrites(1, "send", "@nobody", "hi");

            assertThat(result.stderr()).contains("nobody");
        }

        @Test
        void send_whenUnknownOptionFollowsText_exits64AndStoresNothing() {
            assertRefusedWithoutWrites(64, "send", "bob", "hello", "--bogus");
        }

        @Test
        void send_whenKnownOptionFollowsText_bodyIsOnlyTheText() {
            succeed(alice.run("send", "bob", "hello", "--subject", "S"));

            assertThat(latestMessageTo("bob")).containsEntry("body", "hello").containsEntry("subject", "S");
        }

        @Test
        void send_whenDoubleDashPrecedesText_textMayStartWithDash() {
            succeed(alice.run("send", "bob", "--", "-5", "degrees"));

            assertThat(latestMessageTo("bob")).containsEntry("body", "-5 degrees");
        }
    }

    @Nested
    class Lock {

        @Test
        void lock_whenTtlHasNoUnit_exits64NamingTheUnit() {
            Result result = assertRefusedWithoutWrites(64, "lock", "src/x", "--ttl", "30");

            assertThat(result.stderr()).contains("unit");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0s", "-5m"})
        void lock_whenTtlNotPositive_exits64(String ttl) {
            assertRefusedWithoutWrites(64, "lock", "src/x", "--ttl", ttl);
        }

        @ParameterizedTest
        @ValueSource(strings = {"../x", "/etc/passwd"})
        void lock_whenPathOutsideRepository_exits64(String path) {
            Result result = assertRefusedWithoutWrites(64, "lock", path);

            assertThat(result.stderr()).contains(path);
        }

        @Test
        void lock_whenGlobMalformed_exits64() {
            assertRefusedWithoutWrites(64, "lock", "src/[a");
        }

        @Test
        void lock_whenAnotherAgentHolds_exits2AndWritesNothing() {
            Result result = assertWithoutWrites(alice.as("bob"), null, "lock", "src/held.txt");

            assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
            assertThat(result.stdout()).contains("alice");
            assertNoStackTrace(result);
        }

        @Test
        void lock_whenOptionUnknown_exits64() {
            Result result = assertRefusedWithoutWrites(64, "lock", "src/x", "--bogus");

            assertThat(result.stderr()).contains("--bogus");
        }
    }

    @Nested
    class Unlock {

        @Test
        void unlock_whenAnotherAgentHolds_exits2NamingHolder() {
            Result result = assertWithoutWrites(alice.as("bob"), null, "unlock", "src/held.txt");

            assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
            assertThat(result.stdout() + result.stderr()).contains("alice");
            assertNoStackTrace(result);
        }

        @Test
        void unlock_whenDepartedAgentIsDenied_agentStaysDeparted() {
            succeed(alice.as("bob").run("leave"));

            Result denied = alice.as("bob").run("unlock", "src/held.txt");

            assertThat(denied.exitCode()).as("%s", denied).isEqualTo(2);
            assertThat(alice.run("agents", "--json").jsonList("agents"))
                    .as("present agents after a refused command of departed bob")
                    .extracting(agent -> agent.get("id"))
                    .containsExactly("alice");
        }

        @Test
        void unlock_whenForceWithoutReason_exits64() {
            Result result = assertRefusedWithoutWrites(alice.as("bob"), 64, "unlock", "src/held.txt", "--force");

            assertThat(result.stderr()).contains("--reason");
        }
    }

    @Nested
    class Identity {

        @Test
        void heartbeat_whenAgentUnknown_exits1SayingHowToRegister() {
            Result result = assertRefusedWithoutWrites(alice, 1, "--agent", "zed", "heartbeat");

            assertThat(result.stderr()).contains("zed").contains("register");
        }

        @Test
        void huddle_whenNoArguments_printsUsageAndExits0() {
            Result result = alice.run();

            assertThat(result.exitCode()).as("%s", result).isZero();
            assertThat(result.stdout()).contains("usage");
            assertThat(result.stderr()).isEmpty();
        }
    }

    @Nested
    class Frontier {

        @Test
        void frontier_whenEpochMissing_exits64() {
            Result result = assertRefusedWithoutWrites(64, "frontier");

            assertThat(result.stderr()).contains("--epoch");
        }
    }

    @Nested
    class CorruptStore {

        static Stream<Arguments> corruptContents() {
            byte[] noise = new byte[8192];
            new Random(42).nextBytes(noise);
            return Stream.of(
                    Arguments.of("random bytes", noise),
                    Arguments.of("a text file", "these are notes, not a database\n".getBytes(StandardCharsets.UTF_8)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("corruptContents")
        void agents_whenStoreIsNotADatabase_exits1NamingFileAndBackup(String kind, byte[] content) throws IOException {
            Path store = dir.resolve("corrupt.db");
            Files.write(store, content);

            Result result = alice.withDb(store).run("agents");

            assertCleanRefusal(result, 1);
            assertThat(result.stderr()).contains(store.toString()).contains("huddle backup");
            assertThat(Files.readAllBytes(store)).as("the store file is left as it was").isEqualTo(content);
        }
    }

    @Nested
    class TerminalOutput {

        @Test
        void inbox_whenTextHasControlCharacters_printsNoRawControls() {
            String body = "text " + ESC + "[31m colour" + BEL + " bell";
            succeed(alice.run("send", "bob", body, "--subject", "alarm"));

            Result inbox = succeed(alice.as("bob").run("inbox"));

            assertThat(inbox.stdout()).doesNotContain(ESC, BEL).contains("alarm", "colour");
            assertThat(latestMessageTo("bob"))
                    .as("the stored text is kept exactly")
                    .containsEntry("body", body);
        }

        @Test
        void oneLineFields_withControlCharacters_refusedWithoutWrites() {
            assertRefusedWithoutWrites(64, "register", "carol", "--name", "Ca" + ESC + "[31mrol" + BEL);
            assertRefusedWithoutWrites(64, "register", "carol", "--task", "over\rwrite");
            assertRefusedWithoutWrites(64, "send", "bob", "hi", "--subject", "red " + ESC + "[31m alarm" + BEL);
            assertRefusedWithoutWrites(64, "lock", "a", "--reason", "ring" + BEL);
        }
    }

    private Result assertRefusedWithoutWrites(int code, String... args) {
        return assertRefusedWithoutWrites(alice, code, args);
    }

    private Result assertRefusedWithoutWrites(HuddleProcess huddle, int code, String... args) {
        Result result = assertWithoutWrites(huddle, null, args);
        assertCleanRefusal(result, code);
        return result;
    }

    private Result assertRefusedWithoutWrites(byte[] stdin, int code, String... args) {
        Result result = assertWithoutWrites(alice, stdin, args);
        assertCleanRefusal(result, code);
        return result;
    }

    /** Runs the command and asserts that the store reads the same before and after. */
    private Result assertWithoutWrites(HuddleProcess huddle, byte[] stdin, String... args) {
        StoreState before = StoreState.of(alice, "bob");
        Result result = huddle.run(stdin, args);
        assertThat(StoreState.of(alice, "bob"))
                .as("store after %s", result)
                .usingRecursiveComparison()
                .isEqualTo(before);
        return result;
    }

    private Map<String, Object> latestMessageTo(String agent) {
        List<Map<String, Object>> messages = succeed(alice.as(agent).run("inbox", "--all", "--json")).jsonList("messages");
        assertThat(messages).isNotEmpty();
        return messages.getLast();
    }
}

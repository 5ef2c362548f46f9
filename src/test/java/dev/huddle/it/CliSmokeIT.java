package dev.huddle.it;

import static dev.huddle.it.Outcomes.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.it.HuddleProcess.Result;
import dev.huddle.testing.Prerequisite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A multi-agent session through real processes in a fresh git repository, with the store where
 * Huddle puts it by default ({@code <git dir>/huddle/huddle.db}), or on PostgreSQL named by
 * {@code HUDDLE_DB} ({@link Backend}): alice initialises, bob and carol register, then they lock,
 * check, talk and move through a phase barrier.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class CliSmokeIT {

    private static final String SECTION_START = "<!-- huddle:begin -->";
    private static final String SECTION_END = "<!-- huddle:end -->";

    @Parameter
    Backend backend;

    @TempDir
    Path repo;

    private Backend.Store store;
    private HuddleProcess huddle;

    @BeforeEach
    void initialisedRepository() throws Exception {
        gitInit(repo);
        store = backend.create(repo);
        huddle = huddleIn(repo);
        succeed(huddle.run("init", "--agent", "alice"));
        succeed(huddle.run("register", "bob"));
        succeed(huddle.run("register", "carol"));
    }

    @AfterEach
    void dropStore() {
        if (store != null) { // null when the store could not be created (a skipped test)
            store.close();
        }
    }

    /** Huddle in {@code dir}: the default store on SQLite, the test's database on PostgreSQL. */
    private HuddleProcess huddleIn(Path dir) {
        return store.isPostgres() ? HuddleProcess.in(dir).withDb(store.db()) : HuddleProcess.in(dir);
    }

    @Nested
    class Init {

        @Test
        void init_whenRunInGitRepository_createsStoreInGitDirAndAgentsSection() throws IOException {
            if (store.isPostgres()) {
                assertThat(repo.resolve(".git/huddle/huddle.db")).as("no file store beside PostgreSQL").doesNotExist();
            } else {
                assertThat(repo.resolve(".git/huddle/huddle.db")).isRegularFile();
            }
            assertThat(succeed(huddle.run("agents")).stdout()).contains("alice", "bob", "carol");
            assertThat(repo.resolve(".huddle")).doesNotExist();
            assertThat(Files.readString(repo.resolve("AGENTS.md"))).contains(SECTION_START, SECTION_END, "huddle lock");
        }

        @Test
        void init_whenRunAgain_leavesAgentsMdByteIdentical() throws IOException {
            byte[] first = Files.readAllBytes(repo.resolve("AGENTS.md"));

            succeed(huddle.run("init"));

            assertThat(Files.readAllBytes(repo.resolve("AGENTS.md"))).isEqualTo(first);
        }

        @Test
        void init_whenAgentsMdHasOwnText_keepsItAndAddsSectionOnce(@TempDir Path other) throws Exception {
            gitInit(other);
            Files.writeString(other.resolve("AGENTS.md"), "# Rules\n\nRun the tests before pushing.\n");

            succeed(huddleIn(other).run("init"));
            byte[] once = Files.readAllBytes(other.resolve("AGENTS.md"));
            succeed(huddleIn(other).run("init"));

            String text = Files.readString(other.resolve("AGENTS.md"));
            assertThat(text).startsWith("# Rules\n\nRun the tests before pushing.\n");
            assertThat(text.split(SECTION_START, -1)).as("sections").hasSize(2);
            assertThat(Files.readAllBytes(other.resolve("AGENTS.md"))).isEqualTo(once);
        }
    }

    @Nested
    class Leases {

        @Test
        void lock_whenGranted_jsonNamesTokenResourceHolderAndExpiry() {
            Map<String, Object> json = succeed(huddle.as("alice").run("lock", "src/a.rs", "--json")).json();

            assertThat(json).containsEntry("granted", true);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> leases = (List<Map<String, Object>>) json.get("leases");
            assertThat(leases).singleElement().satisfies(lease -> {
                assertThat(lease).containsEntry("resource", "src/a.rs").containsEntry("holder", "alice");
                assertThat(lease.get("token")).isInstanceOf(Number.class);
                assertThat(lease.get("expires_at")).asString().isNotBlank();
            });
        }

        @Test
        void lock_whenDryRun_reportsGrantButWritesNothing() {
            Result dryRun = succeed(huddle.as("alice").run("lock", "src/a.rs", "--dry-run", "--json"));

            assertThat(dryRun.json()).containsEntry("granted", true).containsEntry("dry_run", true);
            assertThat(huddle.run("locks", "--all", "--json").jsonList("leases")).isEmpty();
            assertThat(succeed(huddle.as("bob").run("lock", "src/a.rs")).exitCode()).isZero();
        }

        @Test
        void lockCheckUnlock_whenAliceHolds_bobIsToldUntilShesDone() {
            succeed(huddle.as("alice").run("lock", "src/a.rs", "--reason", "refactor"));

            Result bobChecks = huddle.as("bob").run("check", "src/a.rs");
            Result bobLocks = huddle.as("bob").run("lock", "src/*.rs");
            Result aliceChecks = huddle.as("alice").run("check", "src/a.rs");

            assertThat(bobChecks.exitCode()).as("%s", bobChecks).isEqualTo(2);
            assertThat(bobChecks.stdout()).contains("alice");
            assertThat(bobLocks.exitCode()).as("%s", bobLocks).isEqualTo(2);
            assertThat(bobLocks.stdout()).contains("alice");
            assertThat(aliceChecks.exitCode()).as("%s", aliceChecks).isZero();

            succeed(huddle.as("alice").run("unlock", "src/a.rs"));

            assertThat(huddle.as("bob").run("check", "src/a.rs").exitCode()).isZero();
            assertThat(huddle.as("bob").run("lock", "src/*.rs").exitCode()).isZero();
        }
    }

    @Nested
    class Messages {

        @Test
        void sendRecv_whenAliceWritesToBobAndCarol_eachGetsItOnce() {
            succeed(huddle.as("alice").run("send", "bob,carol", "schema", "changed", "--subject", "heads-up"));

            List<Map<String, Object>> bobGets = succeed(huddle.as("bob").run("recv", "--json")).jsonList("messages");
            List<Map<String, Object>> bobAgain = succeed(huddle.as("bob").run("recv", "--json")).jsonList("messages");
            List<Map<String, Object>> carolHas = succeed(huddle.as("carol").run("inbox", "--json")).jsonList("messages");

            assertThat(bobGets).singleElement().satisfies(message -> assertThat(message)
                    .containsEntry("from", "alice")
                    .containsEntry("subject", "heads-up")
                    .containsEntry("body", "schema changed"));
            assertThat(bobAgain).as("recv marks read").isEmpty();
            assertThat(carolHas).as("carol's copy is unread").hasSize(1);
        }
    }

    @Nested
    class Frontier {

        @Test
        void frontier_whenEveryoneReachedEpochOne_epochZeroIsSafeAndEpochOneIsNot() {
            for (String agent : List.of("alice", "bob", "carol")) {
                succeed(huddle.as(agent).run("heartbeat", "--epoch", "1"));
            }

            Result epochZero = huddle.run("frontier", "--epoch", "0");
            Result epochOne = huddle.run("frontier", "--epoch", "1");

            assertThat(epochZero.exitCode()).as("%s", epochZero).isZero();
            assertThat(epochZero.stdout()).contains("SAFE").doesNotContain("NOT SAFE");
            assertThat(epochOne.exitCode()).as("%s", epochOne).isEqualTo(3);
            assertThat(epochOne.stdout()).contains("NOT SAFE");
        }

        @Test
        void frontier_whenOneAgentLags_namesIt() {
            succeed(huddle.as("alice").run("heartbeat", "--epoch", "1"));
            succeed(huddle.as("bob").run("heartbeat", "--epoch", "1"));

            Result result = huddle.run("frontier", "--epoch", "0", "--json");

            assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
            assertThat(result.json()).containsEntry("safe", false);
            assertThat(result.jsonList("blockers")).extracting(b -> b.get("agent")).containsExactly("carol");
        }
    }

    private static void gitInit(Path dir) throws Exception {
        Process git;
        try {
            git = new ProcessBuilder("git", "init", "-q", dir.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Prerequisite.require(false, "git(1): " + e.getMessage());
            return;
        }
        git.getOutputStream().close();
        assertThat(git.waitFor(30, TimeUnit.SECONDS)).as("git init finished").isTrue();
        assertThat(git.exitValue()).as(new String(git.getInputStream().readAllBytes())).isZero();
    }
}

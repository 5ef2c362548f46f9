package dev.huddle.app.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.app.message.SendRequest;
import dev.huddle.app.task.NewTask;
import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.message.Address;
import dev.huddle.core.message.Importance;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskFilter;
import dev.huddle.testing.TestHuddle;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export --jsonl / import round trips, and the Markdown mirror (DESIGN §4.7, §8, §9). */
class MirrorServiceTest {

    @TempDir
    Path dir;
    TestHuddle h;
    AgentId alice;
    AgentId bob;
    Task task;

    @BeforeEach
    void busyBoard() {
        h = new TestHuddle(dir.resolve("repo"));
        alice = h.register("alice");
        bob = h.register("bob");
        task = h.coordinator.tasks().create(new NewTask(alice, "Parser | lexer", Optional.of("# not a heading\nline 2"),
                Optional.empty(), Optional.empty(), List.of("src/p.py"), List.of("core"), Optional.empty(), List.of()));
        h.coordinator.tasks().claim(bob, task.id(), true);
        h.coordinator.tasks().amend(alice, task.id(), "remember \u001b[31m colours");
        h.coordinator.decisions().decide(alice, "use a table-driven lexer", Optional.of(task.id()));
        h.coordinator.messages().send(new SendRequest(alice, List.of(Address.parse("bob")), Optional.of("hi"), "about " + task.id(),
                Importance.NORMAL, false, Optional.of(task.id().text()), Optional.empty()));
        h.coordinator.summaries().startSummary(alice, Optional.of(List.of(alice)));
        h.coordinator.summaries().writeSummary(alice, "did things");
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void exportJsonl_importIntoAnEmptyStore_exportAgain_givesIdenticalBytes() throws Exception {
        Exported first = h.coordinator.mirror().exportJsonl(dir.resolve("one.jsonl"));
        try (TestHuddle empty = new TestHuddle(dir.resolve("other"))) {
            Imported imported = empty.coordinator.mirror().importJsonl(dir.resolve("one.jsonl"));
            assertThat(imported.rows()).containsEntry("tasks", 1L).containsEntry("agents", 2L).containsEntry("messages", 1L);
            empty.coordinator.mirror().exportJsonl(dir.resolve("two.jsonl"));
            assertThat(empty.coordinator.board().tasks(TaskFilter.all(10))).isEqualTo(h.coordinator.board().tasks(TaskFilter.all(10)));
        }
        assertThat(Files.readAllBytes(dir.resolve("two.jsonl"))).isEqualTo(Files.readAllBytes(dir.resolve("one.jsonl")));
        assertThat(first.count()).isEqualTo(Files.readAllLines(dir.resolve("one.jsonl")).size());
    }

    @Test
    void importJsonl_intoAStoreWithData_refusedNamingWhatItHolds_andNothingChanged() {
        h.coordinator.mirror().exportJsonl(dir.resolve("one.jsonl"));
        long seq = h.coordinator.events().lastSeq();
        assertThatThrownBy(() -> h.coordinator.mirror().importJsonl(dir.resolve("one.jsonl")))
                .isInstanceOfSatisfying(HuddleException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HuddleException.Kind.FAILED);
                    assertThat(e.getMessage()).contains("is not empty").contains("2 agents").contains("1 tasks")
                            .contains("point HUDDLE_DB");
                });
        assertThat(h.coordinator.events().lastSeq()).isEqualTo(seq);
    }

    @Test
    void importJsonl_whenALineIsBroken_failsNamingFileAndLine_andRestoresNothing() throws Exception {
        h.coordinator.mirror().exportJsonl(dir.resolve("one.jsonl"));
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(dir.resolve("one.jsonl")));
        lines.set(5, lines.get(5).substring(0, 10));
        Files.write(dir.resolve("broken.jsonl"), lines);
        try (TestHuddle empty = new TestHuddle(dir.resolve("other"))) {
            assertThatThrownBy(() -> empty.coordinator.mirror().importJsonl(dir.resolve("broken.jsonl")))
                    .hasMessageContaining("broken.jsonl: line 6");
            assertThat(empty.coordinator.agents().agents(true)).isEmpty();
            assertThat(empty.coordinator.events().lastSeq()).isZero();
        }
    }

    @Test
    void importJsonl_whenRehearsed_restoresNothing() {
        h.coordinator.mirror().exportJsonl(dir.resolve("one.jsonl"));
        try (TestHuddle empty = new TestHuddle(dir.resolve("other"))) {
            Imported rehearsed = empty.coordinator.rehearsing().mirror().importJsonl(dir.resolve("one.jsonl"));
            assertThat(rehearsed.rows()).containsEntry("tasks", 1L);
            assertThat(empty.coordinator.agents().agents(true)).isEmpty();
        }
    }

    @Test
    void exportJsonl_whenTheFileExists_refusedAndLeftAlone() throws Exception {
        Files.writeString(dir.resolve("taken.jsonl"), "mine");
        assertThatThrownBy(() -> h.coordinator.mirror().exportJsonl(dir.resolve("taken.jsonl"))).hasMessageContaining("already exists");
        assertThat(Files.readString(dir.resolve("taken.jsonl"))).isEqualTo("mine");
    }

    @Test
    void exportMarkdown_writesBoardTaskPagesAgentsLeasesDecisionsAndThreads() throws Exception {
        Exported e = h.coordinator.mirror().exportMarkdown(dir.resolve("mirror"));
        Path m = dir.resolve("mirror");
        assertThat(e.count()).isEqualTo(7);
        assertThat(Files.readString(m.resolve("board.md"))).contains("## claimed (1)")
                .contains("[T-1](tasks/T-1.md)").contains("Parser \\| lexer");
        String page = Files.readString(m.resolve("tasks/T-1.md"));
        assertThat(page).contains("status: claimed by bob").contains("> ").contains("  | # not a heading")
                .contains("remember ^[[31m colours").doesNotContain("\u001b")
                .contains("use a table-driven lexer").contains("## History").contains("task.claim")
                .contains("`src/p.py` exclusive by bob");
        assertThat(Files.readString(m.resolve("agents.md"))).contains("| alice |").contains("| bob |");
        assertThat(Files.readString(m.resolve("leases.md"))).contains("src/p.py");
        assertThat(Files.readString(m.resolve("decisions.md"))).contains("use a table-driven lexer");
        assertThat(Files.readString(m.resolve("threads.md"))).contains("## T-1").contains("about T-1");
    }

    /**
     * Every time written for people is TimeText's (milliseconds always shown): the test clock stands
     * on whole seconds, where Instant's own text drops the fraction (agents' last seen, decisions and
     * a collected summary were written so, and a CLI test failed on it once in a thousand runs).
     */
    @Test
    void everyTimeInThePagesAndTheCollectedSummary_hasMilliseconds_evenOnAWholeSecond() throws Exception {
        h.coordinator.mirror().exportMarkdown(dir.resolve("mirror"));
        StringBuilder text = new StringBuilder(h.coordinator.summaries().collectSummary(alice).markdown());
        try (var pages = Files.walk(dir.resolve("mirror"))) {
            for (Path page : pages.filter(Files::isRegularFile).toList()) {
                text.append(Files.readString(page));
            }
        }
        Matcher found = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT[0-9:.]*Z?").matcher(text);
        List<String> times = new ArrayList<>();
        while (found.find()) {
            times.add(found.group());
        }
        assertThat(times).hasSizeGreaterThan(5).allSatisfy(t -> assertThat(t)
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertThat(times).as("the clock stands on a whole second").anyMatch(t -> t.endsWith(".000Z"));
    }

    @Test
    void exportMarkdown_whenALinkInsideTheDirectoryLeadsOut_refusedAndNothingWritten() throws Exception {
        Path mirror = Files.createDirectories(dir.resolve("mirror"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(mirror.resolve("tasks"), outside);
        assertThatThrownBy(() -> h.coordinator.mirror().exportMarkdown(mirror)).isInstanceOf(HuddleException.class)
                .hasMessageContaining("symbolic link");
        try (var files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
        assertThat(mirror.resolve("board.md")).doesNotExist();

        Files.delete(mirror.resolve("tasks"));
        Files.createSymbolicLink(mirror.resolve("board.md"), outside.resolve("victim.md"));
        assertThatThrownBy(() -> h.coordinator.mirror().exportMarkdown(mirror)).hasMessageContaining("symbolic link");
        assertThat(outside.resolve("victim.md")).doesNotExist();
    }
    @Nested
    class Modes {

        @Test
        void exportJsonl_file0600() throws Exception {
            h.coordinator.mirror().exportJsonl(dir.resolve("dump.jsonl"));

            assertThat(mode(dir.resolve("dump.jsonl"))).isEqualTo("rw-------");
        }

        @Test
        void exportMarkdown_createdDirectories0700_everyPage0600_evenAPageThatWasThereBefore() throws Exception {
            Path mirror = dir.resolve("users/mirror");
            Files.createDirectories(mirror.getParent());
            Files.setPosixFilePermissions(mirror.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));

            h.coordinator.mirror().exportMarkdown(mirror);
            // A page an older Huddle wrote 0644 is replaced by one that is 0600.
            Files.setPosixFilePermissions(mirror.resolve("board.md"), PosixFilePermissions.fromString("rw-r--r--"));
            h.coordinator.mirror().exportMarkdown(mirror);

            assertThat(mode(mirror.getParent())).as("the user's existing directory keeps its mode").isEqualTo("rwxr-xr-x");
            try (Stream<Path> all = Files.walk(mirror)) {
                assertThat(all.toList()).hasSizeGreaterThan(7).allSatisfy(p -> assertThat(mode(p)).as("%s", p)
                        .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------"));
            }
        }

        @Test
        void backup_file0600() throws Exception {
            h.coordinator.overview().backup(dir.resolve("copy.db"));

            assertThat(mode(dir.resolve("copy.db"))).isEqualTo("rw-------");
            assertThat(Files.size(dir.resolve("copy.db"))).as("a whole store was copied").isGreaterThan(4096);
        }

        @Test
        void backup_whenTheTargetIsALink_refusedAndTheLinksTargetUntouched() throws Exception {
            Path victim = Files.writeString(dir.resolve("victim.txt"), "mine");
            Files.createSymbolicLink(dir.resolve("link.db"), victim);

            assertThatThrownBy(() -> h.coordinator.overview().backup(dir.resolve("link.db"))).hasMessageContaining("already exists");

            assertThat(Files.readString(victim)).isEqualTo("mine");
        }

        private static String mode(Path p) {
            try {
                return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}

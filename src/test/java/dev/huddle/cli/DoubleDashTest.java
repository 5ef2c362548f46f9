package dev.huddle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code huddle send bob -- --help} printed the help and {@code -- --json} switched to JSON: the
 * global options were looked for anywhere in the line. The class: a second reading of the command
 * line. Global options are now read once, by the command's parser, and for every command nothing
 * after {@code --} is an option.
 */
class DoubleDashTest {

    @TempDir
    Path repo;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(repo.resolve(".git"));
        assertThat(CliRun.run(repo, "register", "alice").code()).isZero();
        assertThat(CliRun.run(repo, "register", "bob").code()).isZero();
    }

    static Stream<String> commands() {
        return Commands.NAMES.stream();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpAfterDoubleDash_isAWord_notTheHelp(String command) {
        for (String help : List.of("--help", "-h")) {
            CliRun r = CliRun.run(repo, command, "--agent", "alice", "--", help);
            assertThat(r.out()).as("%s -- %s: %s", command, help, r).doesNotContain("\noptions:\n").doesNotStartWith("usage:");
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void jsonAfterDoubleDash_isAWord_notTheJsonSwitch(String command) {
        for (String option : List.of("--json", "--quiet")) {
            CliRun r = CliRun.run(repo, command, "--agent", "alice", "--", option);
            assertThat(r.out().stripLeading()).as("%s -- %s: %s", command, option, r).doesNotStartWith("{");
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpBeforeDoubleDash_isTheHelp_exit0_whatever_theCommandNeeds(String command) {
        for (String help : List.of("--help", "-h")) {
            CliRun r = CliRun.run(repo, command, help);
            assertThat(r.code()).as("%s %s: %s", command, help, r).isZero();
            assertThat(r.out()).startsWith("usage: huddle " + command).contains("\noptions:\n");
        }
    }

    @Test
    void send_textAfterDoubleDash_isSentAsIs_andTheAnswerStaysText() {
        CliRun help = CliRun.run(repo, "send", "bob", "--agent", "alice", "--", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).startsWith("sent #");
        CliRun json = CliRun.run(repo, "send", "bob", "--agent", "alice", "--", "--json", "--quiet");
        assertThat(json.code()).isZero();
        assertThat(json.out()).startsWith("sent #");
        CliRun inbox = CliRun.run(repo, "inbox", "--json", "--agent", "bob");
        @SuppressWarnings("unchecked")
        var messages = (List<Map<String, Object>>) Json.readObject(inbox.out()).get("messages");
        assertThat(messages).extracting(m -> m.get("body")).containsExactly("--help", "--json --quiet");
    }

    @Test
    void globalOptionsAfterDoubleDash_changeNothing_dryRunIncluded() {
        CliRun r = CliRun.run(repo, "lock", "a", "--agent", "alice", "--", "--dry-run");
        assertThat(r.code()).isZero();
        assertThat(r.out()).doesNotContain("dry run");
        CliRun locks = CliRun.run(repo, "locks", "--json");
        assertThat(locks.out()).contains("\"resource\":\"a\"").contains("\"resource\":\"--dry-run\"");
    }

    @Test
    void globalOptionsBeforeTheCommand_stillWork_butNotPastADoubleDash() {
        assertThat(CliRun.run(repo, "--agent", "alice", "--json", "whoami").out()).startsWith("{");
        CliRun r = CliRun.run(repo, "--", "--json", "whoami");
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.out()).isEmpty();
    }
}

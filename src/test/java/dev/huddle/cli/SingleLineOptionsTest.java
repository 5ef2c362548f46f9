package dev.huddle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.cli.args.ParsedArgs;
import dev.huddle.core.HuddleException;
import dev.huddle.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Display names took ESC, BEL and CR. The class: any agent-supplied one-line value. Every option of
 * every command is one line unless declared multi-line, and the parser refuses control characters
 * in it before the command runs; registration refuses them in the app too (the hooks register).
 */
class SingleLineOptionsTest {

    @TempDir
    Path repo;

    /** Every value option of every command (the global ones included), as (command, option, multi-line). */
    static Stream<Arguments> valueOptions() {
        List<Arguments> all = new ArrayList<>();
        for (String name : Commands.NAMES) {
            Command command = Commands.find(name);
            for (Option o : GlobalOptions.withGlobals(command.spec(), command.mutating()).options()) {
                if (o.arity() != Option.Arity.FLAG) {
                    all.add(Arguments.of(name, o.name(), o.multiLine()));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("valueOptions")
    void everyOneLineOption_refusesControlCharacters_multiLineOnesKeepThem(String name, String option, boolean multiLine) {
        Command command = Commands.find(name);
        ArgSpec spec = GlobalOptions.withGlobals(command.spec(), command.mutating());
        for (String value : List.of("1\u001b[31m", "1\u0007", "1\rX", "1\u202eX")) {
            List<String> args = List.of(option + "=" + value);
            if (multiLine) {
                assertThat(ParsedArgs.read(spec, args, name).value(option)).contains(value);
            } else {
                assertThatThrownBy(() -> ParsedArgs.read(spec, args, name))
                        .isInstanceOfSatisfying(HuddleException.class, e -> {
                            assertThat(e.kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT);
                            assertThat(e.getMessage()).startsWith("option " + option + " contains a control character");
                        });
            }
        }
    }

    @Test
    void onlyTextsThatAreShownAsBlocks_areMultiLine() {
        assertThat(valueOptions().filter(a -> (boolean) a.get()[2]).map(a -> a.get()[0] + " " + a.get()[1]).distinct())
                .containsExactlyInAnyOrder("done --conclusion", "block --reason", "escalate --reason", "reopen --reason",
                        "cancel --reason", "task --description");
    }

    @Test
    void register_withEscBelOrCrInTheName_exit64_oneLine_nothingWritten() throws Exception {
        Files.createDirectories(repo.resolve(".git"));
        assertThat(CliRun.run(repo, "register", "alice").code()).isZero();
        long events = events();
        for (String name : List.of("evil\u001b]0;pwned\u0007", "bell\u0007", "over\rwrite")) {
            CliRun r = CliRun.run(repo, "register", "mallory", "--name", name);
            assertThat(r.code()).isEqualTo(64);
            assertThat(r.err().strip().lines()).singleElement().asString()
                    .startsWith("huddle: option --name contains a control character").doesNotContain("\u001b", "\u0007", "\r");
            CliRun re = CliRun.run(repo, "register", "alice", "--name=" + name, "--task", "x");
            assertThat(re.code()).isEqualTo(64);
        }
        CliRun subject = CliRun.run(repo, "send", "alice", "hi", "--subject", "\u001b]0;title\u0007", "--agent", "alice");
        assertThat(subject.code()).isEqualTo(64);
        CliRun title = CliRun.run(repo, "task", "new", "Fix\u001b[2J the parser", "--agent", "alice");
        assertThat(title.code()).isEqualTo(64);
        assertThat(title.err()).contains("the task title contains a control character (ESC at position 4)");
        assertThat(events()).isEqualTo(events);
        assertThat(CliRun.run(repo, "agents", "--json").out()).doesNotContain("mallory");
    }

    long events() {
        return ((List<?>) Json.readObject(CliRun.run(repo, "log", "--json", "--limit", "100000").out()).get("events")).size();
    }
}

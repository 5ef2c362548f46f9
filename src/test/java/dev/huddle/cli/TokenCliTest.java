package dev.huddle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code huddle token issue|list|revoke} as a process sees them. */
class TokenCliTest {

    static final String TOKEN = "hdl_[A-Za-z0-9_-]{43}";

    @TempDir
    Path repo;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(repo.resolve(".git"));
        assertThat(run("register", "alice").code()).isZero();
    }

    CliRun run(String... args) {
        return CliRun.run(repo, args);
    }

    CliRun ok(String... args) {
        CliRun r = run(args);
        assertThat(r.code()).as("%s\n%s%s", String.join(" ", args), r.out(), r.err()).isZero();
        return r;
    }

    List<?> tokens() {
        return (List<?>) Json.readObject(ok("token", "list", "--json").out()).get("tokens");
    }

    long events() {
        return ((List<?>) Json.readObject(ok("log", "--json", "--limit", "100000").out()).get("events")).size();
    }

    @Test
    void issue_printsTheTokenAloneOnStdout_andAOneLineNoteOnStderr() {
        CliRun r = ok("token", "issue", "--agent", "alice");
        assertThat(r.out()).matches(TOKEN + "\n");
        assertThat(r.err().lines()).singleElement().asString().contains("shown once").doesNotContain("hdl_");
        CliRun quiet = ok("token", "issue", "--agent", "alice", "--quiet", "--ttl", "30d");
        assertThat(quiet.out()).matches(TOKEN + "\n");
        assertThat(tokens()).hasSize(2);
    }

    @Test
    void issue_json_carriesTheTokenOnce_listJson_neverDoes() {
        Map<String, Object> issued = Json.readObject(ok("token", "issue", "--agent", "ana", "--operator", "--json").out());
        String token = (String) issued.get("token");
        assertThat(token).matches(TOKEN);
        assertThat(issued).containsEntry("agent", "ana").containsEntry("operator", true).containsEntry("state", "active")
                .containsKey("id").doesNotContainKey("expires_at");
        CliRun list = ok("token", "list", "--json");
        assertThat(list.out()).contains((String) issued.get("id")).doesNotContain(token).doesNotContain(token.substring(4))
                .doesNotContain("hash");
        CliRun text = ok("token", "list");
        assertThat(text.out()).contains(issued.get("id") + "  ana (operator)  active").contains("expires never")
                .doesNotContain(token.substring(4));
    }

    @Test
    void revoke_thenList_showsItRevoked_secondRevokeSaysSo_exit0() {
        String id = (String) Json.readObject(ok("token", "issue", "--agent", "alice", "--json").out()).get("id");
        assertThat(ok("token", "revoke", id).out()).isEqualTo("revoked token " + id + " of alice\n");
        assertThat(ok("token", "revoke", id).out()).isEqualTo("token " + id + " was already revoked\n");
        assertThat(ok("token", "list").out()).contains(id + "  alice  revoked");
    }

    @Test
    void dryRun_issueAndRevoke_printNoToken_andChangeNothing() {
        String id = (String) Json.readObject(ok("token", "issue", "--agent", "alice", "--json").out()).get("id");
        long before = events();
        CliRun issue = ok("token", "issue", "--agent", "alice", "--dry-run");
        assertThat(issue.out()).startsWith("dry run: would issue an agent token for alice").doesNotContain("hdl_");
        assertThat(ok("token", "revoke", id, "--dry-run").out()).startsWith("dry run: would revoke token " + id);
        assertThat(tokens()).singleElement().satisfies(t -> assertThat(t.toString()).contains("state=active"));
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void badInput_oneLineOnStderr_exit64_nothingWritten() {
        long before = events();
        for (String[] args : List.of(
                new String[] {"token", "issue"},
                new String[] {"token", "issue", "--agent", "Not An Id"},
                new String[] {"token", "issue", "--agent", "alice", "--ttl", "30"},
                new String[] {"token", "issue", "--agent", "alice", "--ttl", "0s"},
                new String[] {"token", "issue", "--agent", "alice", "extra"},
                new String[] {"token", "list", "--operator"},
                new String[] {"token", "list", "--dry-run"},
                new String[] {"token", "revoke"},
                new String[] {"token", "revoke", "T-1"},
                new String[] {"token", "revoke", "hdl_" + "A".repeat(43)},
                new String[] {"token", "frob"},
                new String[] {"token"})) {
            CliRun r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(ExitCode.USAGE);
            assertThat(r.out()).as(String.join(" ", args)).isEmpty();
            assertThat(r.err().lines()).as(String.join(" ", args)).singleElement().asString().startsWith("huddle: ")
                    .doesNotContain("Exception").doesNotContain("A".repeat(43));
        }
        assertThat(tokens()).isEmpty();
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void unknownAgent_orUnknownTokenId_exit1_sayingWhatToDo_nothingWritten() {
        long before = events();
        CliRun agent = run("token", "issue", "--agent", "ghost");
        assertThat(agent.code()).isEqualTo(ExitCode.ERROR);
        assertThat(agent.out()).isEmpty();
        assertThat(agent.err()).contains("huddle register ghost").contains("--operator").hasLineCount(1);
        CliRun id = run("token", "revoke", "0123456789abcdef");
        assertThat(id.code()).isEqualTo(ExitCode.ERROR);
        assertThat(id.err()).contains("huddle token list").hasLineCount(1);
        assertThat(tokens()).isEmpty();
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void help_listsTheTokenCommand() {
        assertThat(ok("--help").out()).contains("token ");
        assertThat(ok("token", "--help").out()).contains("token issue --agent ID [--operator] [--ttl D]");
    }
}

package dev.huddle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lease reason with a control character is refused with one line and exit 64, and the line is
 * the one the use case gives the API (ApiTest.aReasonWithAControlCharacter_is400…), word for word.
 */
class LockReasonCliTest {

    static final String REFUSAL = "option --reason contains a control character (ESC at position 2): give one line of printable text";

    @TempDir
    Path repo;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(repo.resolve(".git"));
        assertThat(CliRun.run(repo, "register", "alice").code()).isZero();
        assertThat(CliRun.run(repo, "register", "bob").code()).isZero();
    }

    @Test
    void lockAndForcedUnlock_refuseAControlCharacterInTheReason_oneLineExit64_nothingChanged() {
        CliRun lock = CliRun.run(repo, "lock", "src/a.py", "--reason", "a\u001bb", "--agent", "alice");
        assertThat(lock.code()).isEqualTo(ExitCode.USAGE);
        assertThat(lock.err()).contains(REFUSAL).hasLineCount(1);
        assertThat(CliRun.run(repo, "locks").out()).doesNotContain("src/a.py");

        assertThat(CliRun.run(repo, "lock", "src/a.py", "--agent", "alice").code()).isZero();
        CliRun unlock = CliRun.run(repo, "unlock", "src/a.py", "--force", "--reason", "a\u001bb", "--agent", "bob");
        assertThat(unlock.code()).isEqualTo(ExitCode.USAGE);
        assertThat(unlock.err()).contains(REFUSAL).hasLineCount(1);
        assertThat(CliRun.run(repo, "locks").out()).contains("src/a.py");
    }
}

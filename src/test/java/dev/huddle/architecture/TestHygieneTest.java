package dev.huddle.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.testing.SkipPolicyProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules for the test code itself, checked on its sources:
 * <ul>
 *   <li>A test skips only through {@code testing.Prerequisite}, which names what is missing and
 *       fails under {@code CI=true}; no {@code assume...}, {@code @Disabled} or {@code @EnabledIf...}
 *       anywhere else. {@code testing.SkipPolicy}, registered for every test, logs any skip and fails
 *       it under CI all the same.</li>
 *   <li>A test leaves nothing in the temp directory: directories come from JUnit's {@code @TempDir},
 *       which deletes them, never from {@code Files.createTempDirectory}/{@code createTempFile},
 *       {@code File.createTempFile} or {@code deleteOnExit}, which leave them behind in /tmp.</li>
 * </ul>
 */
class TestHygieneTest {

    private static final Path SOURCES = Path.of(System.getProperty("huddle.root", "."), "src", "test", "java");
    private static final Pattern SKIPS = Pattern.compile(
            "\\bassum(e|ing)[A-Z]\\w*\\s*\\(|\\bAssumptions\\b|@(Disabled|Enabled)\\w*|\\w*Abort\\w*Exception\\b");
    private static final Pattern TEMP_FILES = Pattern.compile("\\bcreateTemp(Directory|File)\\b|\\bdeleteOnExit\\b|\\bmktemp\\b");
    private static final List<String> MAY_SKIP = List.of("dev/huddle/testing/Prerequisite.java",
            "dev/huddle/testing/SkipPolicy.java", "dev/huddle/testing/SkipPolicyProbe.java",
            "dev/huddle/architecture/TestHygieneTest.java");

    @Test
    void testSources_skipOnlyThroughPrerequisite() throws IOException {
        assertThat(offending(SKIPS, MAY_SKIP)).as("tests that skip on their own (use testing.Prerequisite.require)").isEmpty();
    }

    @Test
    void testSources_neverCreateTempFilesOutsideTempDir() throws IOException {
        assertThat(offending(TEMP_FILES, List.of("dev/huddle/architecture/TestHygieneTest.java")))
                .as("tests that leave files in the temp directory (use @TempDir)").isEmpty();
    }

    @Test
    void skipPolicy_isRegisteredForEveryTest() throws IOException {
        Path resources = SOURCES.resolveSibling("resources");
        assertThat(Files.readString(resources.resolve("META-INF/services/org.junit.jupiter.api.extension.Extension")))
                .contains("dev.huddle.testing.SkipPolicy");
        assertThat(Files.readString(resources.resolve("junit-platform.properties")))
                .contains("junit.jupiter.extensions.autodetection.enabled=true");
    }

    @Test
    void skipPolicy_onCi_anAbortedTestFailsNamingWhy_elsewhereItIsLoggedAndSkipped() {
        assertThat(SkipPolicyProbe.judge(true, "no codex")).isEqualTo(
                "failed: SKIPPED dev.huddle.testing.SkipPolicyProbe > probe(): no codex"
                        + " (CI=true: a test that cannot run fails instead of being skipped)");
        assertThat(SkipPolicyProbe.judge(false, "no codex")).isEqualTo(
                "aborted; logged: SKIPPED dev.huddle.testing.SkipPolicyProbe > probe(): no codex");
        assertThat(SkipPolicyProbe.judgeFailure(true)).as("a real failure passes unchanged").isTrue();
    }

    /** {@code file:line: text} of every line matching {@code pattern} outside {@code allowed}. */
    private static List<String> offending(Pattern pattern, List<String> allowed) throws IOException {
        assertThat(SOURCES).as("test sources").isDirectory();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String relative = SOURCES.relativize(file).toString().replace('\\', '/');
                if (allowed.contains(relative)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (pattern.matcher(lines.get(i)).find()) {
                        found.add(relative + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        return found;
    }
}

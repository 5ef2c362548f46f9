package dev.huddle.it;

import dev.huddle.testing.Prerequisite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start failed as written ({@code send bob} before bob was registered). The
 * class: documentation nothing runs. This runs the {@code sh} blocks of its "Quick start" section
 * as a new user would: a block whose commands all start with {@code bin/huddle} in the checkout,
 * every other block in a new git repository, with {@code huddle} on {@code PATH} as a link to
 * {@code bin/huddle} (on the packaged jar: {@code HUDDLE_NO_BUILD=1}), {@code HOME} in a temp
 * directory. Each line is one command run by bash; {@code export NAME=VALUE} lines carry over to
 * the next ones. A command must exit 0, or the code its comment states as {@code # exit N: ...}.
 */
class ReadmeQuickStartIT {

    private static final Pattern BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern EXPORT = Pattern.compile("export ([A-Z_][A-Z0-9_]*)=(\\S+)");
    private static final Pattern EXPECTED = Pattern.compile("#\\s*exit (\\d+):");
    private static final Duration TIMEOUT = TestTiming.scaled(Duration.ofSeconds(60));

    @TempDir
    Path dir;

    @Test
    void quickStart_runsAsWritten_everyCommandEndingAsStated() throws Exception {
        Path root = Path.of(System.getProperty("huddle.root", ".")).toAbsolutePath();
        HuddleProcess.jar(); // fails early, with how to fix it, when the jar was not built
        Prerequisite.require(git(dir, "--version") == 0, "git is not installed");
        List<List<String>> blocks = quickStartBlocks(Files.readString(root.resolve("README.md")));
        assertThat(blocks).as("sh blocks in the quick start").hasSizeGreaterThanOrEqualTo(2);

        Path repo = Files.createDirectories(dir.resolve("project"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.createSymbolicLink(bin.resolve("huddle"), root.resolve("bin/huddle"));
        assertThat(git(repo, "init", "-q", ".")).isZero();
        Map<String, String> env = new HashMap<>();
        env.put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", home.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("HUDDLE_NO_BUILD", "1");
        env.put("GIT_CONFIG_NOSYSTEM", "1");

        int run = 0;
        for (List<String> block : blocks) {
            boolean inCheckout = block.stream().allMatch(line -> line.startsWith("bin/huddle"));
            for (String line : block) {
                Matcher export = EXPORT.matcher(line);
                if (export.lookingAt()) {
                    env.put(export.group(1), export.group(2));
                    continue;
                }
                Matcher expected = EXPECTED.matcher(line);
                int code = expected.find() ? Integer.parseInt(expected.group(1)) : 0;
                Ran r = bash(inCheckout ? root : repo, env, line);
                assertThat(r.exit()).as("README quick start: %s\n%s", line, r.output()).isEqualTo(code);
                run++;
            }
        }
        assertThat(run).as("commands run").isGreaterThanOrEqualTo(15);
    }

    /** The command lines of each sh block under "## Quick start", comments and blank lines left out. */
    static List<List<String>> quickStartBlocks(String readme) {
        int start = readme.indexOf("\n## Quick start\n");
        assertThat(start).as("a '## Quick start' section in README.md").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<List<String>> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(section);
        while (m.find()) {
            List<String> lines = new ArrayList<>();
            String pending = "";
            for (String raw : m.group(1).split("\n")) {
                String line = pending + raw.strip();
                if (line.endsWith("\\")) {
                    pending = line.substring(0, line.length() - 1) + " ";
                    continue;
                }
                pending = "";
                if (!line.isEmpty() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
            blocks.add(lines);
        }
        return blocks;
    }

    record Ran(int exit, String output) {}

    private Ran bash(Path cwd, Map<String, String> env, String line) throws Exception {
        ProcessBuilder b = new ProcessBuilder("bash", "-c", line).directory(cwd.toFile()).redirectErrorStream(true);
        b.environment().keySet().removeIf(k -> k.startsWith("HUDDLE_") || k.startsWith("GIT_") || k.endsWith("_SESSION_ID"));
        b.environment().putAll(env);
        Process p = b.start();
        p.getOutputStream().close();
        var out = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> drain(p.getInputStream(), out));
        if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("README quick start: '" + line + "' did not finish within " + TIMEOUT + ": " + out);
        }
        reader.join(Duration.ofSeconds(10));
        return new Ran(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    }

    private static int git(Path cwd, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static void drain(InputStream in, ByteArrayOutputStream sink) {
        try (in) {
            in.transferTo(sink);
        } catch (IOException e) {
            // The process was killed after its timeout; what was read is reported.
        }
    }
}

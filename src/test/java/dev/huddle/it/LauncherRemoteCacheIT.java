package dev.huddle.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * bin/huddle picks the remote CLI's AOT cache and options for a command through a server
 * (HUDDLE_URL set; a hook also with {@code --url}), and the store's for everything else: no URL,
 * {@code serve} (docs/decisions.md, "Remote cold start"). Reads the java command it would run
 * ({@code HUDDLE_LAUNCHER_PRINT=1}), on the jar and caches {@code mvn package} wrote.
 */
class LauncherRemoteCacheIT {

    private static final Path ROOT = Path.of(System.getProperty("huddle.root", ".")).toAbsolutePath();
    private static final String NATIVE_ACCESSORS = "-Djdk.reflect.useNativeAccessorOnly=true";

    @Test
    void aCommandThroughAServer_runsOnTheRemoteCache_withNativeAccessors() throws Exception {
        List<String> remote = command("http://127.0.0.1:7431", "--agent", "alice", "lock", "src/a.py");
        assertThat(remote).contains(cache("huddle-remote.aot"), NATIVE_ACCESSORS, "-XX:CompileThresholdScaling=10");
        assertThat(remote.subList(remote.size() - 4, remote.size())).containsExactly("--agent", "alice", "lock", "src/a.py");
        assertThat(command("http://127.0.0.1:7431", "hook", "codex", "pre-tool-use")).contains(cache("huddle-remote.aot"),
                NATIVE_ACCESSORS);
        assertThat(command("", "hook", "codex", "pre-tool-use", "--url", "http://127.0.0.1:7431"))
                .contains(cache("huddle-remote.aot"), NATIVE_ACCESSORS);
    }

    @Test
    void withoutAServer_orForServe_theStoresCache() throws Exception {
        String storeCache = cache("huddle.aot");
        assertThat(command("", "lock", "src/a.py")).contains(storeCache).doesNotContain(NATIVE_ACCESSORS);
        assertThat(command("http://127.0.0.1:7431", "--db", "x.db", "serve")).contains(storeCache).doesNotContain(NATIVE_ACCESSORS);
        assertThat(command("", "hook", "claude", "pre-tool-use")).contains(storeCache).doesNotContain(NATIVE_ACCESSORS);
        assertThat(command("", "send", "bob", "--url", "x")).contains(storeCache).doesNotContain(NATIVE_ACCESSORS);
    }

    @Test
    void serveRunsWithC2_everyOtherCommandOnC1Alone() throws Exception {
        String c1Only = "-XX:TieredStopAtLevel=1";
        assertThat(command("", "--db", "x.db", "serve", "--bind", "127.0.0.1:0")).doesNotContain(c1Only);
        assertThat(command("", "serve")).doesNotContain(c1Only);
        assertThat(command("", "lock", "src/serve")).contains(c1Only);
        assertThat(command("", "--agent", "serve", "lock", "src/a.py")).as("an agent named serve").contains(c1Only);
        assertThat(command("http://127.0.0.1:7431", "send", "bob", "serve")).contains(c1Only);
    }

    /**
     * The option naming {@code target/NAME} when the build wrote it after the jar; a build with
     * {@code -Dhuddle.skipAot=true} has none, and the launcher then falls back to the store's cache
     * or to {@code -Xshare:auto} (never a cache older than the jar: JDK-8377932).
     */
    private static String cache(String name) throws IOException {
        Path jar = ROOT.resolve("target/huddle.jar");
        for (Path aot : List.of(ROOT.resolve("target").resolve(name), ROOT.resolve("target/huddle.aot"))) {
            if (Files.exists(aot) && Files.getLastModifiedTime(aot).compareTo(Files.getLastModifiedTime(jar)) > 0) {
                return "-XX:AOTCache=" + aot;
            }
        }
        return "-Xshare:auto";
    }

    /** The java command bin/huddle would exec with HUDDLE_URL={@code url} (unset when empty). */
    private static List<String> command(String url, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(ROOT.resolve("bin/huddle").toString()));
        argv.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT);
        b.environment().remove("HUDDLE_URL");
        if (!url.isEmpty()) {
            b.environment().put("HUDDLE_URL", url);
        }
        b.environment().put("HUDDLE_NO_BUILD", "1");
        b.environment().put("HUDDLE_LAUNCHER_PRINT", "1");
        Process p = b.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        String text = new String(out, StandardCharsets.UTF_8);
        return List.of(text.substring(0, text.length() - 1).split("\0"));
    }
}

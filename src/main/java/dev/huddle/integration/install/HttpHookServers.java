package dev.huddle.integration.install;

import dev.huddle.api.HookPaths;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The servers Claude Code's installed HTTP hooks post to, and whether one answers: with none, every
 * edit is refused (PreToolUse blocks on failure) and the other events silently do nothing, so
 * {@code status} says so. Settings without Huddle's hook paths are not parsed, and no connection is
 * opened unless there are HTTP hooks, so the usual case costs two small file reads.
 */
public final class HttpHookServers {

    private HttpHookServers() {}

    /** The base URLs of Huddle's HTTP hooks in the project's and the user's Claude Code settings, each once. */
    public static List<String> installed(Path repoRoot, Path home) {
        List<String> bases = new ArrayList<>();
        for (Path root : List.of(repoRoot, home)) {
            for (String base : bases(root.resolve(".claude/settings.json"))) {
                if (!bases.contains(base)) {
                    bases.add(base);
                }
            }
        }
        return bases;
    }

    private static List<String> bases(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try {
            String text = Files.readString(file);
            if (!text.contains(HookPaths.CLAUDE_PREFIX)) {
                return List.of();
            }
            Map<String, Object> document = SettingsJson.read(text, file);
            return new NestedHooks(Program.CLAUDE, false).httpBases(document);
        } catch (IOException | RuntimeException e) {
            return List.of(); // status reports the team, not the settings file; install names what is wrong with it
        }
    }

    /** Whether {@code GET <base>/api/v1/health} answers 200 within {@code timeout}. */
    public static boolean answers(String base, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + HookPaths.HEALTH)).timeout(timeout).GET().build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            client.shutdownNow();
        }
    }

    /** What the server at a base URL says about Claude Code's HTTP hooks. */
    public enum HookSupport { UNREACHABLE, NOT_SERVED, SERVED }

    /**
     * Whether the server at {@code base} answers Claude Code's HTTP hooks: its health document lists
     * {@code "claude"} under {@code "hooks"}. An installer asks before writing hooks that would
     * otherwise block every edit (PreToolUse fails closed) against a server that cannot answer them.
     */
    public static HookSupport claudeHooks(String base, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + HookPaths.HEALTH)).timeout(timeout).GET().build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return HookSupport.NOT_SERVED;
            }
            Object hooks = dev.huddle.json.MiniJson.readObject(response.body()).get("hooks");
            return hooks instanceof List<?> list && list.contains("claude") ? HookSupport.SERVED : HookSupport.NOT_SERVED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HookSupport.UNREACHABLE;
        } catch (IOException e) {
            return HookSupport.UNREACHABLE;
        } catch (RuntimeException e) {
            return HookSupport.NOT_SERVED; // answered, but not with a Huddle health document
        } finally {
            client.shutdownNow();
        }
    }
}

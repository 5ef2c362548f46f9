package dev.huddle.boot;

import dev.huddle.app.Coordinator;
import dev.huddle.core.HuddleException;
import dev.huddle.remote.Discovery;
import dev.huddle.remote.RemoteCoordinator;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether this run goes through a huddle server, and with which credential (docs/decisions.md,
 * "Remote CLI"): {@code HUDDLE_URL} selects the server; {@code HUDDLE_TOKEN} is the credential;
 * without one, the local discovery credential when {@code HUDDLE_URL} is the URL of this store's
 * running server (the file is trusted only when it is the current user's, 0600, and its process
 * lives). Without {@code HUDDLE_URL} nothing is read.
 *
 * @param url   the server's base URL
 * @param token the bearer credential; empty when there is none (the server then answers 401)
 * @param local whether the credential is the discovery one (the local operator, acting as --agent)
 */
public record ServerTarget(URI url, String token, boolean local) {

    public static final String URL_VARIABLE = "HUDDLE_URL";
    public static final String TOKEN_VARIABLE = "HUDDLE_TOKEN";

    /** The server this run goes through, if {@code HUDDLE_URL} names one; {@code storeDir} is asked only if needed. */
    public static Optional<ServerTarget> of(Map<String, String> env, Supplier<Path> storeDir) {
        String text = env.get(URL_VARIABLE);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        URI url = parse(text.strip());
        String token = env.get(TOKEN_VARIABLE);
        if (token != null && !token.isBlank()) {
            return Optional.of(new ServerTarget(url, token.strip(), false));
        }
        Optional<Discovery> running = Discovery.read(storeDir.get());
        if (running.isPresent() && same(running.get().url(), url)) {
            return Optional.of(new ServerTarget(url, running.get().credential(), true));
        }
        return Optional.of(new ServerTarget(url, "", false));
    }

    public Coordinator open() {
        return new RemoteCoordinator(url, token);
    }

    static URI parse(String text) {
        try {
            URI url = URI.create(text);
            if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null) {
                return url;
            }
        } catch (IllegalArgumentException malformed) {
            // Reported below, with what is expected.
        }
        throw HuddleException.invalid(URL_VARIABLE + " '" + text + "' is not a server URL: set it to what "
                + "'huddle serve' printed (e.g. http://127.0.0.1:7431/), or unset it to use the store file");
    }

    /** The same server: scheme, host and port (a trailing slash or path does not make another one). */
    static boolean same(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    @Override
    public String toString() {
        return "ServerTarget[" + url + (local ? ", local credential" : "") + "]";
    }
}

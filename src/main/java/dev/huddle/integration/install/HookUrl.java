package dev.huddle.integration.install;

import dev.huddle.core.HuddleException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The base URL {@code install claude --http URL} points Claude Code's HTTP hooks at: the server's
 * address as {@code huddle serve} prints it, perhaps with a path prefix behind a reverse proxy.
 * What is written into a settings file that may be committed must hold no secret, so credentials
 * in the URL are refused rather than dropped; a query or fragment would be cut off by the hook
 * paths appended to it, so they are refused too.
 */
public final class HookUrl {

    private HookUrl() {}

    /**
     * The base URL without a trailing slash.
     *
     * @throws HuddleException invalid input naming what is wrong with {@code text}
     */
    public static String parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw bad(text, "it is not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw bad(text, "it must start with http:// or https://");
        }
        if (uri.getRawUserInfo() != null) {
            throw bad(text, "it holds credentials, which would be written into the settings file;"
                    + " the hooks send HUDDLE_TOKEN from Claude Code's environment instead");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw bad(text, "it names no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw bad(text, "it has a query or fragment; give the server's base URL");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.equals("/api") || path.contains("/api/")) {
            throw bad(text, "give the server's base URL, as 'huddle serve' prints it, without /api/v1");
        }
        return scheme + "://" + uri.getRawAuthority() + path;
    }

    private static HuddleException bad(String text, String why) {
        return HuddleException.invalid("--http " + text + ": " + why + " (e.g. --http http://127.0.0.1:7431)");
    }
}

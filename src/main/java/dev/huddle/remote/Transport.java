package dev.huddle.remote;

import dev.huddle.api.Operations;
import dev.huddle.core.HuddleException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One API request and its answer, with a bearer credential. A request of its own on a plain socket
 * ({@link HttpExchange}) rather than {@code java.net.http} (selector thread, many classes) or
 * {@code HttpURLConnection} (proxy selector, caches, keep-alive thread: ~4 ms more of a cold remote
 * command, measured; docs/decisions.md, "Remote cold start"): a remote CLI call is one request from
 * a cold JVM. No read timeout: a call may wait on purpose ({@code lock --wait}); connecting is bounded.
 */
final class Transport {

    /** What the server answered: the status and the body text (JSON, or empty). */
    record Answer(int status, String body) {}

    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final URI url;
    private final String token;
    private final Map<String, String> always;

    Transport(URI url, String token) {
        this(url, token, Map.of());
    }

    private Transport(URI url, String token, Map<String, String> always) {
        this.url = url;
        this.token = token;
        this.always = always;
    }

    /** The same server and credential, every request marked a rehearsal (--dry-run). */
    Transport rehearsing() {
        return new Transport(url, token, Map.of(Operations.DRY_RUN_HEADER, "true"));
    }

    URI url() {
        return url;
    }

    Answer get(String path, List<Map.Entry<String, String>> query) {
        return exchange("GET", target(path, query), null);
    }

    /**
     * The request target: the server URL's own path first (a reverse proxy serving Huddle under a
     * prefix, {@code https://host/huddle}), then the API path and the query.
     */
    private String target(String path, List<Map.Entry<String, String>> query) {
        String prefix = url.getRawPath() == null ? "" : url.getRawPath();
        StringBuilder target = new StringBuilder(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix)
                .append(path);
        char separator = '?';
        for (Map.Entry<String, String> e : query) {
            target.append(separator).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            separator = '&';
        }
        return target.toString();
    }

    /**
     * An open stream of server-sent events (on {@link HttpURLConnection}: a stream lives long, so
     * its client's start-up cost does not matter, and its chunked body and read timeout come with it) ({@code status} 200), or the error answer read whole
     * ({@code answer}); {@code close} drops the connection.
     */
    record Stream(int status, InputStream body, Answer answer, HttpURLConnection connection) implements AutoCloseable {
        @Override
        public void close() {
            connection.disconnect();
        }
    }

    /**
     * Opens a GET stream, resuming after {@code lastEventId} when given. A read that sees nothing
     * (not even a heartbeat) for {@code silence} is a dead connection: the read fails.
     */
    Stream stream(String path, List<Map.Entry<String, String>> query, String lastEventId, int silenceMs) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.resolve(target(path, query)).toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
        connection.setReadTimeout(silenceMs);
        connection.setUseCaches(false);
        connection.setRequestProperty("Accept", "text/event-stream");
        always.forEach(connection::setRequestProperty);
        if (!token.isEmpty()) {
            connection.setRequestProperty("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            connection.setRequestProperty("Last-Event-ID", lastEventId);
        }
        int status = connection.getResponseCode();
        if (status != 200) {
            InputStream err = connection.getErrorStream();
            Answer answer = new Answer(status, err == null ? "" : readAll(err));
            connection.disconnect();
            return new Stream(status, null, answer, connection);
        }
        return new Stream(status, connection.getInputStream(), null, connection);
    }

    /** The failure to report when the server cannot be reached (or a stream could not be resumed). */
    HuddleException unreachable(IOException e) {
        if (e instanceof ConnectException) {
            return unreachable("connection refused");
        }
        return unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    Answer post(String path, String json) {
        return post(path, json, Map.of());
    }

    /** A POST with further request headers (the command hooks' forwarding headers). */
    Answer post(String path, String json, Map<String, String> headers) {
        return exchange("POST", target(path, List.of()), json.getBytes(StandardCharsets.UTF_8), headers);
    }

    private Answer exchange(String verb, String pathAndQuery, byte[] body) {
        return exchange(verb, pathAndQuery, body, Map.of());
    }

    private Answer exchange(String verb, String pathAndQuery, byte[] body, Map<String, String> headers) {
        try {
            Map<String, String> all = headers;
            if (!always.isEmpty()) {
                all = new java.util.LinkedHashMap<>(always);
                all.putAll(headers);
            }
            return HttpExchange.send(url, verb, pathAndQuery, token, body, all, CONNECT_TIMEOUT_MS);
        } catch (ConnectException e) {
            throw unreachable("connection refused");
        } catch (IOException | IllegalArgumentException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private HuddleException unreachable(String why) {
        return HuddleException.failed("cannot reach huddle server at " + url + " (" + why
                + "); start it with `huddle serve` or unset HUDDLE_URL");
    }

    private static String readAll(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

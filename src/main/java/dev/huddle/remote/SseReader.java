package dev.huddle.remote;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads server-sent events (the WHATWG event-stream format) off a response body: fields up to a
 * blank line make an event; comment lines (heartbeats) are skipped; data lines join with newlines.
 */
final class SseReader implements AutoCloseable {

    /**
     * One event: its id (null when it had none), its kind ({@code message} by default) and its
     * data; or, with null data, only a new last event id (a block with an id and no data).
     */
    record Item(String id, String event, String data) {}

    private final BufferedReader in;

    SseReader(InputStream body) {
        this.in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** The next event, or empty at the end of the stream. */
    Optional<Item> next() throws IOException {
        String id = null;
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return Optional.of(new Item(id, event == null ? "message" : event, data.toString()));
                }
                if (id != null) {
                    return Optional.of(new Item(id, null, null));
                }
                id = null;
                event = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "event" -> event = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { /* retry and unknown fields: nothing to do */ }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

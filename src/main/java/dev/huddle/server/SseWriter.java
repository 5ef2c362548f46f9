package dev.huddle.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Server-sent events on one response (the WHATWG event-stream format): an event is {@code id},
 * {@code event} and one {@code data} line per line of its JSON, then a blank line; a comment line
 * ({@code :}) is a heartbeat that proxies and clients see as traffic. Each is flushed at once: an
 * event waiting in a buffer is an event not delivered. A failed write means the client is gone,
 * and so does a client found gone before the write.
 */
final class SseWriter {

    private final OutputStream out;
    private final BooleanSupplier clientGone;

    /** {@code clientGone} is asked before every write ({@link ClientProbe}). */
    SseWriter(OutputStream out, BooleanSupplier clientGone) {
        this.out = out;
        this.clientGone = clientGone;
    }

    void event(String id, String kind, String json) throws IOException {
        StringBuilder b = new StringBuilder(json.length() + 64);
        b.append("id: ").append(oneLine(id)).append('\n');
        b.append("event: ").append(oneLine(kind)).append('\n');
        for (String line : json.split("\n", -1)) {
            b.append("data: ").append(line).append('\n');
        }
        b.append('\n');
        send(b.toString());
    }

    /**
     * Only an id: a client takes it as its last event id without an event to handle (WHATWG
     * "dispatch the event": the id is set before an empty data buffer ends the dispatch), so a
     * client that is dropped before any event still resumes from where its stream began.
     */
    void cursor(String id) throws IOException {
        send("id: " + oneLine(id) + "\n\n");
    }

    void comment(String text) throws IOException {
        send(": " + oneLine(text) + "\n\n");
    }

    private void send(String text) throws IOException {
        if (clientGone.getAsBoolean()) {
            throw new IOException("the client closed the stream");
        }
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A field value never spans lines: a line break would start another field. */
    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}

package dev.huddle.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The requests a stdio client sent that have no answer yet, so the end of its input can wait for
 * them: the SDK's stateless stdio transport drops what is in flight when its input ends, and
 * {@code printf REQUEST | huddle mcp} would get nothing. Counts requests as {@link StdinLines}
 * passes them and answers as the transport writes them; waits only once {@link #counting} was
 * asked for, and at most {@link #MAX_WAIT_MS}.
 */
final class InFlight {

    static final long MAX_WAIT_MS = 10_000;

    private final ObjectMapper json;
    private int requests;
    private int answers;
    private boolean waits;

    InFlight(ObjectMapper json) {
        this.json = json;
    }

    /** A message read: a request awaits an answer; one the client cancels will get none. */
    synchronized void read(JsonNode message) {
        String method = message.path("method").asText();
        if (message.has("id") && !method.isEmpty()) {
            requests++;
        } else if (method.equals("notifications/cancelled")) {
            requests--;
        }
    }

    /** {@code out}, counting the answers written to it; from now on {@link #awaitAnswers} waits for them. */
    OutputStream counting(OutputStream out) {
        synchronized (this) {
            waits = true;
        }
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                // The transport writes one message a line, in one write.
                if (isAnswer(b, off, len)) {
                    answered();
                }
            }
        };
    }

    /** Until every request read has its answer, or {@link #MAX_WAIT_MS} passed. */
    synchronized void awaitAnswers() {
        long deadline = System.nanoTime() + MAX_WAIT_MS * 1_000_000;
        try {
            for (long left; waits && answers < requests && (left = deadline - System.nanoTime()) > 0; ) {
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean isAnswer(byte[] b, int off, int len) {
        try {
            JsonNode node = json.readTree(b, off, len);
            return node != null && node.has("id") && (node.has("result") || node.has("error"));
        } catch (IOException notJson) {
            return false;
        }
    }

    private synchronized void answered() {
        answers++;
        notifyAll();
    }
}

package dev.huddle.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One server-sent-events connection as a test sees it: events arrive on a reader thread into a
 * queue; {@link #next} takes one within a bound; {@link #close} drops the connection as a client
 * that goes away does.
 */
final class SseClient implements AutoCloseable {

    record Item(String id, String event, String data) {}

    /** What {@link #next} returns when the server ended the stream. */
    static final Item END = new Item(null, "(end)", "");

    final int status;
    private final InputStream body;
    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private final Thread reader;

    private SseClient(int status, InputStream body) {
        this.status = status;
        this.body = body;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    static SseClient open(HttpClient client, URI uri, String token, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token);
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        return new SseClient(r.statusCode(), r.body());
    }

    /** The last event id the test has taken, as a browser's EventSource keeps it. */
    String lastId;

    /** The next item, heartbeats included (or {@link #END}); null when none came within {@code within}. */
    Item next(Duration within) throws InterruptedException {
        return items.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The next event with data within {@code within} (else null), passing heartbeats and taking
     * id-only blocks as the new last id.
     */
    Item event(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Item item = items.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (item == null || item == END) {
                return item;
            }
            if (item.event().equals("(comment)")) {
                continue;
            }
            lastId = item.id();
            if (!item.event().equals("(id)")) {
                return item;
            }
        }
    }

    /** The id-only block a stream starts with: where it begins. */
    String cursor(Duration within) throws InterruptedException {
        Item item = next(within);
        if (item == null || !item.event().equals("(id)")) {
            throw new AssertionError("expected the stream's starting id, got " + item);
        }
        lastId = item.id();
        return lastId;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        items.add(new Item(id, event, data.toString()));
                    } else if (id != null) {
                        items.add(new Item(id, "(id)", ""));
                    }
                    id = null;
                    event = null;
                    data = null;
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
                } else if (line.startsWith(":")) {
                    items.add(new Item(null, "(comment)", line));
                }
            }
        } catch (IOException closed) {
            // Dropped by close(), or by the server.
        }
        items.add(END);
    }

    @Override
    public void close() throws IOException {
        body.close();
        reader.interrupt();
    }
}

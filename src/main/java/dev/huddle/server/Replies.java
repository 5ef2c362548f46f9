package dev.huddle.server;

import dev.huddle.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Puts JSON on the wire, with the headers every answer of the API carries. */
final class Replies {

    private Replies() {}

    /** A body already rendered as JSON (or empty), sent byte for byte: the hooks' answers. */
    record Rendered(String json) {}

    /** A body that is not JSON, sent byte for byte: the output of a command line the server ran. */
    record Bytes(String contentType, byte[] bytes) {}

    /** A body that is a stream of server-sent events, written until it returns. */
    @FunctionalInterface
    interface Streamed {
        void run(SseWriter events) throws IOException;
    }

    static void write(HttpServletResponse response, Reply reply) throws IOException {
        write(null, response, reply);
    }

    /** As above; a stream looks at {@code request}'s connection to learn when its client left (null: it cannot). */
    static void write(HttpServletRequest request, HttpServletResponse response, Reply reply) throws IOException {
        response.setStatus(reply.status());
        reply.headers().forEach(response::setHeader);
        if (reply.body() instanceof Streamed stream) {
            response.setContentType("text/event-stream");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("X-Content-Type-Options", "nosniff");
            // A buffering reverse proxy (nginx) would hold events back.
            response.setHeader("X-Accel-Buffering", "no");
            response.flushBuffer();
            stream.run(new SseWriter(response.getOutputStream(), request == null ? () -> false : ClientProbe.of(request)));
            return;
        }
        if (reply.body() instanceof Bytes(String type, byte[] bytes)) {
            response.setContentType(type);
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
            return;
        }
        String text = reply.body() instanceof Rendered r ? r.json() : Json.write(reply.body());
        writeJson(response, text.getBytes(StandardCharsets.UTF_8));
    }

    static void writeJson(HttpServletResponse response, byte[] body) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        // Answers are per caller and per moment: nothing in between may keep them; nor may a
        // browser guess another type for them.
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

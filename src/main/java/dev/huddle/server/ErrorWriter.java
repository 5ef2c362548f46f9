package dev.huddle.server;

import dev.huddle.app.ErrorCode;
import dev.huddle.core.HuddleException;
import dev.huddle.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes every error answer of the server: the status from the shared {@link ErrorCode} table and
 * the body {@code {"error":{"code","message","hint"}}}. An unexpected exception is logged here
 * with its trace and answered without internals.
 */
final class ErrorWriter {

    private final PrintStream log;

    ErrorWriter(PrintStream log) {
        this.log = log;
    }

    /** Answers {@code failure}, unless the response is already on its way (then the connection is all that can go). */
    void write(HttpServletResponse response, Throwable failure) throws IOException {
        if (failure instanceof ApiError e) {
            write(response, e.code(), e.getMessage(), e.hint(), e.headers());
            return;
        }
        ErrorCode code = ErrorCode.of(failure);
        String message = failure.getMessage();
        if (!(failure instanceof HuddleException) || message == null) {
            log.println("huddle serve: internal error:");
            failure.printStackTrace(log);
            message = "internal error (" + failure.getClass().getSimpleName() + "); the server's log has the details";
        }
        write(response, code, message, code.hint(), Map.of());
    }

    /**
     * Answers a request refused before its body was read (a filter's 401, 403, 429), and closes its
     * connection: the server cannot keep a connection whose unread body it would have to skip, and
     * saying so in the answer keeps a client from sending its next request on a connection that is
     * about to close (the JDK's client then fails with "header parser received no bytes").
     */
    void refuse(HttpServletResponse response, Throwable failure) throws IOException {
        if (!response.isCommitted()) {
            response.setHeader("Connection", "close");
        }
        write(response, failure);
    }

    void write(HttpServletResponse response, ErrorCode code, String message, String hint, Map<String, String> headers)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(code.httpStatus());
        headers.forEach(response::setHeader);
        byte[] body = body(code, message, hint).getBytes(StandardCharsets.UTF_8);
        Replies.writeJson(response, body);
    }

    static String body(ErrorCode code, String message, String hint) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code.code());
        error.put("message", message);
        error.put("hint", hint);
        return Json.write(Map.of("error", error));
    }
}

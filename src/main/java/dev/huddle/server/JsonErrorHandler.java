package dev.huddle.server;

import dev.huddle.app.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before any servlet runs (a malformed request line, headers over
 * Jetty's limit, an ambiguous URI), in the API's JSON shape instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) throws IOException {
        response.getHeaders().put(JSON);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, body(status, message), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(JSON);
        return body(status, reason);
    }

    private static ByteBuffer body(int status, String message) {
        ErrorCode code = codeFor(status);
        String text = message == null || message.isBlank() ? "HTTP " + status : message;
        return ByteBuffer.wrap(ErrorWriter.body(code, text, code.hint()).getBytes(StandardCharsets.UTF_8));
    }

    /** The table's entry for a status Jetty chose; the status itself is kept as Jetty sent it. */
    static ErrorCode codeFor(int status) {
        for (ErrorCode c : ErrorCode.values()) {
            if (c.httpStatus() == status && c != ErrorCode.UNKNOWN && c != ErrorCode.NOT_READY) {
                return c;
            }
        }
        return status == 431 ? ErrorCode.TOO_LARGE : status < 500 ? ErrorCode.BAD_INPUT : ErrorCode.INTERNAL;
    }
}

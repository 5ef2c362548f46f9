package dev.huddle.server;

import dev.huddle.app.ErrorCode;
import dev.huddle.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One API request as a route sees it: method, path, the path's parameters, the query, headers
 * and the body (read once, on first use, within the server's size limit). Free of servlet types,
 * so handlers can be tested without a server.
 */
public final class ApiRequest {

    private final String method;
    private final String path;
    private final Map<String, String> params;
    private final Map<String, List<String>> query;
    private final Function<String, String> headers;
    private final Function<String, Object> attributes;
    private final InputStream bodyStream;
    private byte[] body;

    public ApiRequest(String method, String path, Map<String, String> params, Map<String, List<String>> query,
                      Function<String, String> headers, Function<String, Object> attributes, InputStream body) {
        this.method = method;
        this.path = path;
        this.params = Map.copyOf(params);
        this.query = Map.copyOf(query);
        this.headers = headers;
        this.attributes = attributes;
        this.bodyStream = body;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** A path parameter the route declares, e.g. {@code id} of {@code /tasks/{id}}. */
    public String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route has no path parameter '" + name + "'");
        }
        return value;
    }

    /** The first value of a query parameter. */
    public Optional<String> query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** Every query parameter with all its values, as sent. */
    public Map<String, List<String>> queryParameters() {
        return query;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.apply(name));
    }

    /** Something an earlier filter left for the route (the authenticated caller, once auth exists). */
    public Optional<Object> attribute(String name) {
        return Optional.ofNullable(attributes.apply(name));
    }

    /** The body's bytes; over the server's limit it is {@link ErrorCode#TOO_LARGE}. */
    public synchronized byte[] body() {
        if (body == null) {
            try (InputStream in = bodyStream) {
                body = in.readAllBytes();
            } catch (BodyLimitFilter.TooLarge e) {
                throw ApiError.tooLarge(e.limit());
            } catch (IOException e) {
                throw new ApiError(ErrorCode.BAD_INPUT, "cannot read the request body: " + e.getMessage());
            }
        }
        return body;
    }

    /** The body as one JSON object; anything else is {@link ErrorCode#BAD_INPUT}. */
    public Map<String, Object> json() {
        String text = new String(body(), java.nio.charset.StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new ApiError(ErrorCode.BAD_INPUT, "the request needs a JSON object as its body");
        }
        return jsonObject(text);
    }

    private static Map<String, Object> jsonObject(String text) {
        try {
            return Json.readObject(text);
        } catch (IllegalArgumentException e) {
            throw new ApiError(ErrorCode.BAD_INPUT, "the request body is not a JSON object: " + e.getMessage());
        }
    }
}

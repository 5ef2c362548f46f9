package dev.huddle.server;

import dev.huddle.api.OpenApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI document the server serves: the table's ({@link OpenApi}) plus the server's own two
 * paths, {@code /health} (no token) and the document itself.
 */
final class ApiDocument {

    private ApiDocument() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> of(String version) {
        Map<String, Object> doc = OpenApi.document(version);
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        Map<String, Object> health = get("health", "whether the server answers: version, store kind, process id");
        health.put("security", List.of());
        paths.put(Health.PATH, Map.of("get", health));
        paths.put(ServeMain.OPENAPI_PATH, Map.of("get", get("openapi", "this document")));
        return doc;
    }

    private static Map<String, Object> get(String id, String description) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", id);
        op.put("tags", List.of("server"));
        op.put("responses", Map.of("200", Map.of("description", description,
                "content", Map.of("application/json", Map.of("schema", Map.of("type", "object"))))));
        return op;
    }
}

package dev.huddle.server;

import dev.huddle.api.OpenApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI document the server serves: the table's ({@link OpenApi}) plus the server's own
 * paths: {@code /health} (no token), the document itself, and Claude Code's HTTP hooks.
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
        for (dev.huddle.hook.Program program : dev.huddle.hook.Programs.all()) {
            for (dev.huddle.hook.HookEvent e : dev.huddle.hook.Programs.handled()) {
                String event = program.eventName(e);
                Map<String, Object> hook = get(program.name() + "Hook" + event, "the answer `huddle hook "
                        + program.name() + "` prints for the same payload (empty: no opinion); with the header "
                        + dev.huddle.api.HookPaths.FORM_HEADER + ": command, {stdout, exit_code, notice}");
                hook.put("tags", List.of("hooks"));
                hook.put("requestBody", Map.of("required", true, "description", program.name() + "'s " + event
                        + " hook payload", "content", Map.of("application/json", Map.of("schema", Map.of("type", "object")))));
                paths.put(dev.huddle.api.HookPaths.hook(program.name(), event), Map.of("post", hook));
            }
        }
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

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
        paths.put(CommandLineRoute.PATH, Map.of("post", commandLine()));
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

    /** The launcher's thin client: a CLI command line run in the server (CommandLineRoute). */
    private static Map<String, Object> commandLine() {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", "run");
        op.put("tags", List.of("server"));
        op.put("description", "runs `huddle ARGV` in the server as the CLI would in `cwd` with `env`, acting as the "
                + "credential allows; 400 before anything runs for a line the server does not run (a command of "
                + "the client's files, a stream, standard input it was not sent, a directory it cannot see); a line "
                + "that reads standard input (a hook, a `-` argument) sends it after the JSON object, its length in "
                + "the header " + CommandLineRoute.STDIN_HEADER);
        op.put("requestBody", Map.of("required", true, "content", Map.of("application/json", Map.of("schema", Map.of(
                "type", "object", "required", List.of("argv", "cwd"), "properties", Map.of(
                        "argv", Map.of("type", "array", "items", Map.of("type", "string")),
                        "cwd", Map.of("type", "string"),
                        "env", Map.of("type", "object", "additionalProperties", Map.of("type", "string"))))))));
        op.put("responses", Map.of("200", Map.of("description", "the command ran: header " + CommandLineRoute.EXIT_HEADER
                + " is its exit code; the body is its standard output then its standard error, the first "
                + CommandLineRoute.STDOUT_HEADER + " bytes being the output",
                "content", Map.of("application/octet-stream", Map.of("schema", Map.of("type", "string", "format", "binary"))))));
        return op;
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

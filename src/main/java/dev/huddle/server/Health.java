package dev.huddle.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/health}: whether the server answers, which version it runs, what kind of
 * store it holds, its process id (so a second {@code serve} can name the one in its way) and the
 * agent programs whose HTTP hooks it answers.
 * Needs no token: it reveals nothing about the team's state.
 */
public final class Health {

    public static final String PATH = "/api/v1/health";

    private Health() {}

    public static void register(Routes routes, String version, String storeKind) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("version", version);
        body.put("store", storeKind);
        body.put("pid", ProcessHandle.current().pid());
        // The agent programs whose hooks the server answers ({@code install claude --http} asks).
        body.put("hooks", dev.huddle.hook.Programs.all().stream().map(dev.huddle.hook.Program::name).toList());
        Map<String, Object> answer = java.util.Collections.unmodifiableMap(body);
        routes.get(PATH, request -> Reply.ok(answer));
    }
}

package dev.huddle.config;

import dev.huddle.core.HuddleException;
import dev.huddle.core.Settings;
import dev.huddle.core.agent.PresencePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code huddle.toml} at the repository root (DESIGN §9) into {@link Settings}. No file
 * means defaults; a file with an unknown table or key, a wrong type or an out-of-range value is
 * an error naming the file and the key, never replaced by a default.
 */
public final class SettingsFile {

    public static final String NAME = "huddle.toml";

    private static final Map<String, Set<String>> KNOWN = Map.of(
            "presence", Set.of("active_minutes", "idle_minutes", "stale_minutes"),
            "leases", Set.of("default_ttl_minutes", "max_ttl_minutes"),
            "messages", Set.of("max_body_kib"),
            "hooks", Set.of("on_internal_error"),
            "summary", Set.of("order"),
            "queues.*", Set.of("handler", "sla_minutes", "id_prefix"));

    private final String file;
    private final Map<String, Map<String, Object>> tables;

    private SettingsFile(String file, Map<String, Map<String, Object>> tables) {
        this.file = file;
        this.tables = tables;
    }

    public static Settings load(Path repoRoot) {
        Path path = repoRoot.resolve(NAME);
        if (!Files.isRegularFile(path)) {
            return Settings.DEFAULTS;
        }
        try {
            return parse(Files.readString(path), path.toString());
        } catch (IOException e) {
            throw HuddleException.failed("cannot read " + path + ": " + e.getMessage());
        }
    }

    public static Settings parse(String text, String file) {
        SettingsFile f = new SettingsFile(file, TomlReader.parse(text, file));
        f.refuseUnknown();
        return f.settings();
    }

    private Settings settings() {
        Settings d = Settings.DEFAULTS;
        validateBoard();
        PresencePolicy presence;
        try {
            presence = new PresencePolicy(
                    minutes("presence", "active_minutes", d.presence().active()),
                    minutes("presence", "idle_minutes", d.presence().idle()),
                    minutes("presence", "stale_minutes", d.presence().stale()));
        } catch (HuddleException e) {
            throw e.getMessage().startsWith(file) ? e : HuddleException.failed(file + ": [presence] " + e.getMessage());
        }
        Duration ttl = minutes("leases", "default_ttl_minutes", d.defaultLeaseTtl());
        Duration maxTtl = minutes("leases", "max_ttl_minutes", d.maxLeaseTtl());
        long kib = integer("messages", "max_body_kib", d.maxMessageBytes() / 1024, 1, 16 * 1024);
        String policy = text("hooks", "on_internal_error", "deny");
        Settings.HookErrorPolicy onError = switch (policy) {
            case "deny" -> Settings.HookErrorPolicy.DENY;
            case "allow-with-warning" -> Settings.HookErrorPolicy.ALLOW_WITH_WARNING;
            default -> throw bad("hooks", "on_internal_error", "must be \"deny\" or \"allow-with-warning\"");
        };
        try {
            return new Settings(presence, ttl, maxTtl, (int) kib * 1024, onError);
        } catch (HuddleException e) {
            throw HuddleException.failed(file + ": " + e.getMessage());
        }
    }

    private void refuseUnknown() {
        for (var table : tables.entrySet()) {
            String name = table.getKey();
            if (name.isEmpty() && table.getValue().isEmpty()) {
                continue;
            }
            String kind = name.startsWith("queues.") && name.indexOf('.', 7) < 0 ? "queues.*" : name;
            Set<String> keys = KNOWN.get(kind);
            if (keys == null) {
                throw HuddleException.failed(file + ": unknown " + (name.isEmpty() ? "top-level keys " + table.getValue().keySet()
                        : "table [" + name + "]") + "; known tables: [presence] [leases] [messages] [hooks] [summary] [queues.NAME]");
            }
            for (String key : table.getValue().keySet()) {
                if (!keys.contains(key)) {
                    throw HuddleException.failed(file + ": unknown key '" + key + "' in [" + name + "]; known: " + keys);
                }
            }
        }
    }

    /** Types of the work board's tables ([queues.NAME], [summary]); their meaning is the board's. */
    private void validateBoard() {
        for (var table : tables.entrySet()) {
            if (!table.getKey().startsWith("queues.")) {
                continue;
            }
            String name = table.getKey();
            text(name, "handler", "");
            integer(name, "sla_minutes", 1, 1, 365L * 24 * 60);
            String prefix = text(name, "id_prefix", "Q");
            if (!prefix.matches("[A-Z][A-Z0-9]{0,9}")) {
                throw bad(name, "id_prefix", "must be 1-10 upper-case letters or digits, starting with a letter");
            }
        }
        Object order = tables.getOrDefault("summary", Map.of()).get("order");
        if (order != null && !(order instanceof List<?> list && list.stream().allMatch(String.class::isInstance))) {
            throw bad("summary", "order", "must be a list of agent ids, e.g. [\"alice\", \"bob\"]");
        }
    }

    private Duration minutes(String table, String key, Duration fallback) {
        return Duration.ofMinutes(integer(table, key, fallback.toMinutes(), 1, 7 * 24 * 60));
    }

    private long integer(String table, String key, long fallback, long min, long max) {
        Object v = tables.getOrDefault(table, Map.of()).get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Long n)) {
            throw bad(table, key, "must be a whole number");
        }
        if (n < min || n > max) {
            throw bad(table, key, "must be between " + min + " and " + max + " (got " + n + ")");
        }
        return n;
    }

    private String text(String table, String key, String fallback) {
        Object v = tables.getOrDefault(table, Map.of()).get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw bad(table, key, "must be a string");
        }
        return s;
    }

    private HuddleException bad(String table, String key, String what) {
        return HuddleException.failed(file + ": [" + table + "] " + key + " " + what);
    }
}

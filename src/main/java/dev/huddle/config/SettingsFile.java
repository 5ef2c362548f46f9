package dev.huddle.config;

import dev.huddle.core.HuddleException;
import dev.huddle.core.Settings;
import dev.huddle.core.agent.PresencePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code huddle.toml} at the repository root (DESIGN §9) into {@link Settings}. No file
 * means defaults; a file with an unknown table or key, a wrong type or an out-of-range value is
 * an error naming the file, the line and the key, never replaced by a default.
 */
public final class SettingsFile {

    public static final String NAME = "huddle.toml";

    private static final Map<String, Set<String>> KNOWN = Map.of(
            "presence", Set.of("active_minutes", "idle_minutes", "stale_minutes"),
            "leases", Set.of("default_ttl_minutes", "max_ttl_minutes"),
            "messages", Set.of("max_body_kib"),
            "hooks", Set.of("on_internal_error", "release_on_session_end"),
            "summary", Set.of("order"),
            "queues.*", Set.of("handler", "sla_minutes", "id_prefix"));

    private final String file;
    private final TomlReader.Document doc;
    private final Map<String, Map<String, Object>> tables;

    private SettingsFile(String file, TomlReader.Document doc) {
        this.file = file;
        this.doc = doc;
        this.tables = doc.tables();
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
        SettingsFile f = new SettingsFile(file, TomlReader.document(text, file));
        f.refuseUnknown();
        return f.settings();
    }

    private Settings settings() {
        Settings d = Settings.DEFAULTS;
        BoardSettings board = new BoardSettings(this, tables);
        var queues = board.queues();
        var summaryOrder = board.summaryOrder();
        PresencePolicy presence;
        try {
            presence = new PresencePolicy(
                    minutes("presence", "active_minutes", d.presence().active()),
                    minutes("presence", "idle_minutes", d.presence().idle()),
                    minutes("presence", "stale_minutes", d.presence().stale()));
        } catch (HuddleException e) {
            throw e.getMessage().startsWith(file) ? e : failure("presence", null, "[presence] " + e.getMessage());
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
        boolean releaseOnSessionEnd = bool("hooks", "release_on_session_end", false);
        try {
            return new Settings(presence, ttl, maxTtl, (int) kib * 1024, onError, queues, summaryOrder,
                    releaseOnSessionEnd);
        } catch (HuddleException e) {
            throw failure("leases", "default_ttl_minutes", e.getMessage());
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
                throw failure(name, null, "unknown " + (name.isEmpty() ? "top-level keys " + table.getValue().keySet()
                        : "table [" + name + "]") + "; known tables: [presence] [leases] [messages] [hooks] [summary] [queues.NAME]");
            }
            for (String key : table.getValue().keySet()) {
                if (!keys.contains(key)) {
                    throw failure(name, key, "unknown key '" + key + "' in [" + name + "]; known: " + keys);
                }
            }
        }
    }

    private Duration minutes(String table, String key, Duration fallback) {
        return Duration.ofMinutes(integer(table, key, fallback.toMinutes(), 1, 7 * 24 * 60));
    }

    long integer(String table, String key, long fallback, long min, long max) {
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

    String text(String table, String key, String fallback) {
        Object v = tables.getOrDefault(table, Map.of()).get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw bad(table, key, "must be a string");
        }
        return s;
    }

    boolean bool(String table, String key, boolean fallback) {
        Object v = tables.getOrDefault(table, Map.of()).get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw bad(table, key, "must be true or false");
        }
        return b;
    }

    HuddleException bad(String table, String key, String what) {
        return failure(table, key, "[" + table + "] " + key + " " + what);
    }

    /** A problem at {@code key} of {@code table} (or its header, when null): file, line, then what is wrong. */
    HuddleException failure(String table, String key, String what) {
        int line = doc.line(table, key);
        if (line == 0 && key != null) {
            line = doc.line(table, null);
        }
        return HuddleException.failed(file + (line > 0 ? ":" + line : "") + ": " + what);
    }
}

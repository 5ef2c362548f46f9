package dev.huddle.app.mirror;

import java.util.Map;

/** What an import restored: rows per table. */
public record Imported(String path, Map<String, Long> rows) {

    public Imported {
        rows = Map.copyOf(rows);
    }
}

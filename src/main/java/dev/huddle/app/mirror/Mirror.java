package dev.huddle.app.mirror;

import java.nio.file.Path;

/**
 * Derived copies of the store (DESIGN §4.7): a readable Markdown mirror, and a JSON-lines dump
 * that restores into an empty store. The store stays the only source of truth.
 */
public interface Mirror {

    /**
     * Writes every table to a new file, one JSON object per line in a fixed order: the same content
     * gives the same bytes. An existing file is refused, never overwritten.
     */
    Exported exportJsonl(Path file);

    /**
     * Restores a {@link #exportJsonl} file into this store, which must be empty (refused otherwise,
     * naming what it holds). All or nothing: a bad line fails naming it and restores nothing.
     */
    Imported importJsonl(Path file);

    /**
     * Writes a readable mirror into {@code dir}: the board by status, a page per task with its
     * history, leases, agents, decisions and threads. Never writes through a symbolic link inside
     * {@code dir}; one found refuses the export before any file is written.
     */
    Exported exportMarkdown(Path dir);
}

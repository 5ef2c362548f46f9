package dev.huddle.boot;

import dev.huddle.app.mirror.Migrated;
import dev.huddle.app.mirror.StoreMove;
import dev.huddle.core.HuddleException;
import dev.huddle.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens both stores of {@code huddle migrate} and runs {@link StoreMove}: the current store (the
 * repository's file, HUDDLE_DB or --db) into the one {@code --to} names. An SQLite target file
 * this run created is removed again when the copy fails or is only a dry run, so a failed
 * migration leaves no half-made store behind.
 */
public final class StoreMigration {

    private StoreMigration() {}

    /** Copies {@code location}'s store into the empty store at {@code to} (a URL or a path relative to {@code cwd}). */
    public static Migrated run(StoreLocation location, String to, Path cwd, boolean dryRun) {
        if (to.isBlank()) {
            throw HuddleException.invalid("--to needs a PostgreSQL URL or the path of a new SQLite file");
        }
        if (location.store() instanceof StoreAddress.File f && !Files.isRegularFile(f.path())) {
            throw HuddleException.failed("no store at " + f.path() + ": nothing to migrate (run 'huddle init' first, or set HUDDLE_DB)");
        }
        StoreAddress target = StoreAddress.parse(to, cwd);
        Path created = target instanceof StoreAddress.File f && !Files.exists(f.path()) ? f.path() : null;
        if (created != null && !Files.isDirectory(created.toAbsolutePath().getParent())) {
            throw HuddleException.failed("cannot create " + created + ": no directory " + created.toAbsolutePath().getParent());
        }
        Migrated moved;
        try (Store from = location.store().open(); Store into = target.open()) {
            moved = new StoreMove(from, into, dryRun).run();
        } catch (RuntimeException e) {
            if (created != null) {
                try {
                    remove(created);
                } catch (HuddleException cleanup) {
                    e.addSuppressed(cleanup); // the copy's failure is the one to report
                }
            }
            throw e;
        }
        if (dryRun && created != null) {
            remove(created);
        }
        return moved;
    }

    /** The SQLite file this run created, with the journal files beside it. */
    private static void remove(Path file) {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            try {
                Files.deleteIfExists(Path.of(file + suffix));
            } catch (IOException e) {
                throw HuddleException.failed("cannot remove " + file + suffix + ", which this migration created: "
                        + e.getMessage() + "; delete it before migrating again");
            }
        }
    }
}

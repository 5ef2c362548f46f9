package dev.huddle.boot;

import dev.huddle.app.Context;
import dev.huddle.app.Coordinator;
import dev.huddle.app.LocalCoordinator;
import dev.huddle.app.Pacer;
import dev.huddle.app.Workspace;
import dev.huddle.config.SettingsFile;
import dev.huddle.core.Settings;
import dev.huddle.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Wires a coordinator for one process from where it runs: finds the repository and the store
 * (DESIGN §3), reads huddle.toml, and opens the store lazily on first use.
 */
public record Runtime(StoreLocation location, Settings settings, Path cwd) {

    public static Runtime discover(Path cwd, Map<String, String> env, String dbOverride) {
        StoreLocation location = StoreLocation.resolve(cwd, env, dbOverride);
        return new Runtime(location, SettingsFile.load(location.repoRoot()), cwd.toAbsolutePath().normalize());
    }

    /** The runtime of a store already found, for a process working in {@code cwd}. */
    public static Runtime at(StoreLocation location, Path cwd) {
        return new Runtime(location, SettingsFile.load(location.repoRoot()), cwd.toAbsolutePath().normalize());
    }

    public Coordinator open(boolean dryRun) {
        return open(dryRun, Pacer.SLEEP);
    }

    /** A coordinator whose waits pass with {@code pacer} (the server's, woken by its writes). */
    public Coordinator open(boolean dryRun, Pacer pacer) {
        return open(dryRun, pacer, location.store().open());
    }

    /** As above, over {@code store} (one of the server's pooled stores) instead of a store of its own. */
    public Coordinator open(boolean dryRun, Pacer pacer, Store store) {
        Context ctx = new Context(store, settings, Clock.systemUTC(),
                new Workspace(location.repoRoot(), cwd), pacer, dryRun);
        return new LocalCoordinator(ctx);
    }
}

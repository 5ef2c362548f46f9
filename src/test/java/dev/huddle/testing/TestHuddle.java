package dev.huddle.testing;

import dev.huddle.app.Context;
import dev.huddle.app.Coordinator;
import dev.huddle.app.LocalCoordinator;
import dev.huddle.app.Pacer;
import dev.huddle.app.Workspace;
import dev.huddle.core.Settings;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.agent.Role;
import dev.huddle.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A local coordinator over a real SQLite file in a temporary repository, with a hand-moved
 * clock. Waits advance the clock instead of sleeping.
 */
public final class TestHuddle implements AutoCloseable {

    public final Path root;
    public final MutableClock clock = MutableClock.atNoon();
    public final Coordinator coordinator;

    public TestHuddle(Path root) {
        this(root, Settings.DEFAULTS);
    }

    public TestHuddle(Path root, Settings settings) {
        this.root = root;
        Pacer pacer = clock::advance;
        this.coordinator = new LocalCoordinator(new Context(new SqliteStore(root.resolve(".huddle/huddle.db")), settings,
                clock, new Workspace(root, root), pacer, false));
    }

    /** A second coordinator (another "process") on the same store and clock. */
    public Coordinator another() {
        return another(clock::advance);
    }

    /** A second coordinator whose waits pass with the given pacer (e.g. real short sleeps for thread tests). */
    public Coordinator another(Pacer pacer) {
        return new LocalCoordinator(new Context(new SqliteStore(root.resolve(".huddle/huddle.db")), Settings.DEFAULTS,
                clock, new Workspace(root, root), pacer, false));
    }

    /** The raw store, for tests that observe state no use case exposes (the waiter queue). */
    public SqliteStore store() {
        return new SqliteStore(root.resolve(".huddle/huddle.db"));
    }

    public AgentId register(String id, String... roles) {
        AgentId agent = AgentId.of(id);
        coordinator.agents().register(agent, new AgentProfile(Optional.empty(), List.of(roles).stream().map(Role::of).toList(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty());
        return agent;
    }

    @Override
    public void close() {
        coordinator.close();
    }
}

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
import dev.huddle.remote.RemoteCoordinator;
import dev.huddle.server.Bind;
import dev.huddle.server.HuddleServer;
import dev.huddle.server.ServeMain;
import dev.huddle.server.ServerConfig;
import java.nio.file.Path;
import java.util.function.Supplier;
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
    /** The in-test server when {@link #coordinator} goes through one ({@link #throughServer}); else null. */
    private final AutoCloseable server;

    public TestHuddle(Path root) {
        this(root, Settings.DEFAULTS);
    }

    /**
     * The same fixture, but {@link #coordinator} is a {@link RemoteCoordinator} through a real
     * {@code huddle serve} API on a loopback socket, over the same store and clock: the contract
     * suites run the local Coordinator's tests through it unchanged. It uses the local credential
     * (the local operator acting for the agent each call names), as the CLI does with discovery.
     */
    public static TestHuddle throughServer(Path root) {
        return throughServer(root, Settings.DEFAULTS);
    }

    public static TestHuddle throughServer(Path root, Settings settings) {
        return new TestHuddle(root, settings, true);
    }

    public TestHuddle(Path root, Settings settings) {
        this(root, settings, false);
    }

    private TestHuddle(Path root, Settings settings, boolean throughServer) {
        this.root = root;
        Pacer pacer = clock::advance;
        Supplier<Coordinator> local = () -> new LocalCoordinator(new Context(new SqliteStore(root.resolve(".huddle/huddle.db")),
                settings, clock, new Workspace(root, root), pacer, false));
        if (!throughServer) {
            this.coordinator = local.get();
            this.server = null;
            return;
        }
        ServeMain.Api api = ServeMain.Api.open(local, 8, "test", clock);
        // No rate limit to speak of: the clock is hand-moved, so a bucket would never refill.
        HuddleServer http = HuddleServer.start(ServerConfig.at(new Bind("127.0.0.1", 0)).withClock(clock)
                .withRate(1e9, 1_000_000_000), api.routes(), List.of(), api.authenticator());
        this.server = () -> {
            api.endStreams();
            http.close();
            api.close();
        };
        this.coordinator = new RemoteCoordinator(http.url(), api.credential());
    }

    /** Whether {@link #coordinator} goes through a server. */
    public boolean throughServer() {
        return server != null;
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
        if (server != null) {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

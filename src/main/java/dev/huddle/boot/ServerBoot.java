package dev.huddle.boot;

import dev.huddle.app.Coordinator;
import dev.huddle.core.Settings.HookErrorPolicy;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * What {@code huddle serve} asks of the server face, which lives in its own jar with Jetty and is
 * loaded only then ({@link ServerClasses}): the CLI sees this interface, never a server class.
 */
public interface ServerBoot {

    /** The port {@code huddle serve} listens on when {@code --bind} names none (README, "Starting the server"). */
    int DEFAULT_PORT = 7431;

    /**
     * What to serve and how: {@code bind} as typed ({@code HOST:PORT}, null for the default),
     * whether a bind other machines can reach is meant, extra Host names, the store's directory
     * (lock and discovery file), the version to report, where the server logs, and how to open a
     * coordinator over the store (one per connection the server keeps; each opens on first use),
     * what the server runs after every write through it ({@link ServerWiring}: it wakes the waits),
     * the store's {@code [hooks] on_internal_error} (the HTTP hooks' failure policy, read per call),
     * whether the store is shared (PostgreSQL): then any number of servers may serve it, and
     * only the first in {@code storeDir} publishes the discovery file there; and the CLI, to run the
     * launcher's command lines (null: the server runs none, and the launcher starts a JVM client).
     */
    record Options(String bind, boolean allowRemote, List<String> allowHosts, Path storeDir, String version,
                   PrintStream log, Supplier<Coordinator> coordinators, Runnable written,
                   Supplier<HookErrorPolicy> hookErrorPolicy, Path root, boolean shared, CommandLines commandLines) {
        public Options {
            allowHosts = List.copyOf(allowHosts);
        }

        /** Running no command lines for the launcher. */
        public Options(String bind, boolean allowRemote, List<String> allowHosts, Path storeDir, String version,
                       PrintStream log, Supplier<Coordinator> coordinators, Runnable written,
                       Supplier<HookErrorPolicy> hookErrorPolicy, Path root, boolean shared) {
            this(bind, allowRemote, allowHosts, storeDir, version, log, coordinators, written, hookErrorPolicy, root, shared, null);
        }

        /** A store of this server alone (SQLite): a second server of it is refused. */
        public Options(String bind, boolean allowRemote, List<String> allowHosts, Path storeDir, String version,
                       PrintStream log, Supplier<Coordinator> coordinators, Runnable written,
                       Supplier<HookErrorPolicy> hookErrorPolicy, Path root) {
            this(bind, allowRemote, allowHosts, storeDir, version, log, coordinators, written, hookErrorPolicy, root, false);
        }

        /** Nothing run after writes: waits in the server are not woken by them (tests of the plumbing). */
        public Options(String bind, boolean allowRemote, List<String> allowHosts, Path storeDir, String version,
                       PrintStream log, Supplier<Coordinator> coordinators, Supplier<HookErrorPolicy> hookErrorPolicy,
                       Path root) {
            this(bind, allowRemote, allowHosts, storeDir, version, log, coordinators, () -> {}, hookErrorPolicy, root);
        }

        /** Without the repository root (null): the hook endpoints read every path as the coordinators' workspace does. */
        public Options(String bind, boolean allowRemote, List<String> allowHosts, Path storeDir, String version,
                       PrintStream log, Supplier<Coordinator> coordinators, Supplier<HookErrorPolicy> hookErrorPolicy) {
            this(bind, allowRemote, allowHosts, storeDir, version, log, coordinators, () -> {}, hookErrorPolicy, null);
        }

        /** Without a configured policy: the HTTP hooks refuse an edit they cannot check (the default). */
        public Options(String bind, boolean allowRemote, List<String> allowHosts, Path storeDir, String version,
                       PrintStream log, Supplier<Coordinator> coordinators) {
            this(bind, allowRemote, allowHosts, storeDir, version, log, coordinators, () -> HookErrorPolicy.DENY);
        }
    }

    /** A started server. */
    interface Running {
        /** The URL as bound. */
        URI url();

        /** Whether other machines can reach it (a non-loopback bind). */
        boolean remote();

        /** Blocks until {@link #close} has finished. */
        void awaitStopped() throws InterruptedException;

        /** Stops accepting, drains requests in flight, deletes the discovery file; safe to repeat. */
        void close();
    }

    /**
     * Starts serving. A bad or unsafe bind is invalid input (exit 64); another server of the same
     * store (unless it is shared) or on the same address is a failure naming it; a store that cannot be opened fails
     * with the store's own error, before anything listens.
     */
    Running start(Options options);
}

package dev.huddle.server;

import dev.huddle.api.Operations;
import dev.huddle.app.Coordinator;
import dev.huddle.app.session.HookPlaces;
import dev.huddle.app.token.Authentication;
import dev.huddle.boot.ServerBoot;
import dev.huddle.boot.StoreLocation;
import dev.huddle.core.HuddleException;
import dev.huddle.core.Settings.HookErrorPolicy;
import dev.huddle.mcp.McpHttp;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The server face's entry point, loaded by name ({@link dev.huddle.boot.ServerClasses}): checks
 * the bind, opens the store (a store that cannot be opened stops {@code serve} here, with its own
 * error, before anything listens), builds the route table from the table of operations and starts
 * {@link Serving} with every API path but {@code /health} behind a token.
 */
public final class ServeMain implements ServerBoot {

    /**
     * Quick calls served at once (coordinators; on SQLite each its own connection, on PostgreSQL
     * each borrowing a pooled one per transaction). Writes queue for the group commit, whose batches
     * hold up to 32: twice that keeps the next batch filling while one runs (docs/decisions.md,
     * "Huddle server: the API" and "The server on C2, with room for full batches").
     */
    static final int CONNECTIONS = 64;
    static final Duration CONNECTION_WAIT = Duration.ofSeconds(10);
    /** Connections for calls that wait (lock --wait, frontier --wait): each holds one while it waits. */
    static final int WAITING_CONNECTIONS = 64;
    public static final String OPENAPI_PATH = Operations.PREFIX + "/openapi.json";

    @Override
    public Running start(Options options) {
        Bind bind = options.bind() == null ? Bind.DEFAULT : Bind.parse(options.bind());
        if (!bind.loopback() && !options.allowRemote()) {
            throw HuddleException.invalid("refusing to listen on " + bind + ", which other machines can reach: pass "
                    + "--allow-remote to mean it, or bind 127.0.0.1");
        }
        ServerConfig config = ServerConfig.at(bind).withAllowedHosts(Set.copyOf(options.allowHosts())).withLog(options.log());
        HookPlaces places = HookPlaces.at(options.root(), StoreLocation::commonDir);
        Api api = Api.open(options.coordinators(), options.written(), CONNECTIONS, options.version(),
                InstantSource.system(), options.hookErrorPolicy(), options.log(), places, options.shared() ? "postgresql" : "sqlite",
                options.commandLines());
        McpHttp mcp = null;
        try {
            // /mcp acts as the agent the request's token names (the auth filter's Caller), nothing else.
            mcp = McpHttp.open(api.pool()::with,
                    request -> request.getAttribute(Caller.ATTRIBUTE) instanceof Caller c ? c.agent() : Optional.empty(),
                    options.version(), Clock.systemUTC(), options.log());
            Serving serving = Serving.start(config, api.routes(), List.of(new ServletMount(McpHttp.PATH, mcp.servlet())),
                    options.storeDir(), api.authenticator(), api.credential(), options.shared());
            return new WithApi(serving, api, mcp);
        } catch (RuntimeException e) {
            if (mcp != null) {
                mcp.close();
            }
            api.close();
            throw e;
        }
    }

    /**
     * The API over one store: its coordinators, its routes, its authenticator (tokens, and the
     * local discovery credential as the local operator) and the operator audit.
     */
    public record Api(CoordinatorPool pool, CoordinatorPool waiting, CoordinatorPool auth, Routes routes,
                      Authenticator authenticator, String credential, EventStreams.Open streams,
                      OperationDispatch dispatch) implements AutoCloseable {

        /** Opens the store now (its failure is the caller's) and builds the routes, with at most {@code connections} to the store. */
        public static Api open(Supplier<Coordinator> coordinators, int connections, String version, InstantSource clock) {
            return open(coordinators, connections, version, clock, () -> HookErrorPolicy.DENY, System.err);
        }

        /** As above, with the HTTP hooks' failure policy and where their failures are logged; nothing told of writes. */
        public static Api open(Supplier<Coordinator> coordinators, int connections, String version, InstantSource clock,
                               Supplier<HookErrorPolicy> hookPolicy, java.io.PrintStream log) {
            return open(coordinators, () -> {}, connections, version, clock, hookPolicy, log, HookPlaces.nowhere(), "sqlite", null);
        }

        /** As above, for a server whose workspace root is known: hooks of its other worktrees are read there. */
        static Api open(Supplier<Coordinator> coordinators, int connections, String version, InstantSource clock,
                        Supplier<HookErrorPolicy> hookPolicy, java.io.PrintStream log, HookPlaces places) {
            return open(coordinators, () -> {}, connections, version, clock, hookPolicy, log, places, "sqlite", null);
        }

        /**
         * As above; {@code written} runs after every write through the server (an operation that is
         * not read-only, a hook call): the wiring ({@link dev.huddle.boot.ServerWiring}) makes it end
         * the pauses of the coordinators' waits at once (docs/decisions.md, "Push through the server").
         */
        public static Api open(Supplier<Coordinator> coordinators, Runnable written, int connections, String version,
                               InstantSource clock, Supplier<HookErrorPolicy> hookPolicy, java.io.PrintStream log) {
            return open(coordinators, written, connections, version, clock, hookPolicy, log, HookPlaces.nowhere(),
                    "sqlite", null);
        }

        /**
         * As above; {@code storeKind} is what {@code /health} says the store is; {@code commandLines}
         * runs the launcher's command lines ({@link CommandLineRoute}; null: the route refuses them all).
         */
        public static Api open(Supplier<Coordinator> coordinators, Runnable written, int connections, String version,
                               InstantSource clock, Supplier<HookErrorPolicy> hookPolicy, java.io.PrintStream log,
                               HookPlaces places, String storeKind, dev.huddle.boot.CommandLines commandLines) {
            CoordinatorPool pool = new CoordinatorPool(coordinators, connections, CONNECTION_WAIT);
            // Token checks keep one coordinator: its refusal budget (audit rate) is per token service.
            CoordinatorPool auth = new CoordinatorPool(coordinators, 1, CONNECTION_WAIT);
            CoordinatorPool waiting = new CoordinatorPool(coordinators, WAITING_CONNECTIONS, CONNECTION_WAIT);
            try {
                pool.with(c -> c.events().lastSeq());
                auth.with(c -> c.tokens().list());
            } catch (RuntimeException e) {
                pool.close();
                waiting.close();
                auth.close();
                throw e;
            }
            String credential = newCredential();
            Routes routes = new Routes();
            Health.register(routes, version, storeKind);
            Map<String, Object> document = ApiDocument.of(version);
            routes.get(OPENAPI_PATH, request -> Reply.ok(document));
            OperationDispatch dispatch = new OperationDispatch(pool, waiting, (caller, operation) -> pool.with(c -> {
                c.tokens().recordOperatorAction(caller.id(), caller.agent(), operation, clock.instant());
                return null;
            }), written);
            OperationRoutes.register(routes, dispatch, clock);
            CommandLineRoute.register(routes, dispatch, commandLines);
            HookRoutes.register(routes, pool, hookPolicy, log, places, written);
            EventStreams.Open streams = EventStreams.register(routes, waiting, EventStreams.HEARTBEAT, log);
            Authenticator tokens = new RecentTokens(bearer -> {
                Authentication answer = auth.with(c -> c.tokens().authenticate(bearer, clock.instant()));
                if (answer instanceof Authentication.Authenticated(var p)) {
                    return Optional.of(new Caller(Optional.of(p.agent()), p.operator(), p.tokenId()));
                }
                return Optional.empty();
            }, clock);
            Authenticator authenticator = bearer -> constantTimeEquals(credential, bearer)
                    ? Optional.of(Caller.local()) : tokens.authenticate(bearer);
            return new Api(pool, waiting, auth, routes, authenticator, credential, streams, dispatch);
        }

        /** Ends the event streams in progress, before the server drains (they would never finish). */
        public void endStreams() {
            streams.endAll();
        }

        @Override
        public void close() {
            streams.endAll();
            pool.close();
            waiting.close();
            auth.close();
        }
    }

    private static boolean constantTimeEquals(String expected, String presented) {
        return java.security.MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                presented.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String newCredential() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** A running server that also closes its store connections when it stops. */
    private record WithApi(Serving serving, Api api, McpHttp mcp) implements Running {
        @Override
        public java.net.URI url() {
            return serving.url();
        }

        @Override
        public boolean remote() {
            return serving.remote();
        }

        @Override
        public void awaitStopped() throws InterruptedException {
            serving.awaitStopped();
        }

        @Override
        public void close() {
            // MCP first: its open event streams (GET /mcp) would hold Jetty's graceful stop to its timeout.
            mcp.close();
            api.endStreams();
            serving.close();
            api.close();
        }
    }
}

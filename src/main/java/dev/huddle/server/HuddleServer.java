package dev.huddle.server;

import dev.huddle.core.HuddleException;
import dev.huddle.core.time.DurationText;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.net.BindException;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP server (DESIGN §5): Jetty with ee10 servlets. Every request passes the Host/Origin
 * check, the rate limit and the body limit, then reaches the API's route table or a mounted
 * servlet. Requests run on virtual threads (handlers may block on the store); Jetty's selectors
 * keep platform threads. {@link #close} stops accepting, lets requests in flight finish within
 * the drain timeout, then stops; it is safe to repeat.
 */
public final class HuddleServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private final GracefulHandler requests;
    private final ServerConfig config;

    private HuddleServer(Server server, ServerConnector connector, GracefulHandler requests, ServerConfig config) {
        this.server = server;
        this.connector = connector;
        this.requests = requests;
        this.config = config;
    }

    /**
     * Starts listening. A taken port is {@link PortInUse}; anything else that stops the start is
     * a {@link HuddleException}.
     */
    public static HuddleServer start(ServerConfig config, Routes routes, List<ServletMount> mounts) {
        return start(config, routes, mounts, null);
    }

    /**
     * As {@link #start(ServerConfig, Routes, List)}, with every API path but {@link Health#PATH}
     * behind {@code authenticator} ({@link AuthFilter}); the rate limit's key is then the caller's
     * token. A null authenticator leaves the API open (tests of the plumbing).
     */
    public static HuddleServer start(ServerConfig config, Routes routes, List<ServletMount> mounts,
                                     Authenticator authenticator) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("huddle-http");
        threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("huddle-request-"));
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.bind().host());
        connector.setPort(config.bind().port());
        server.addConnector(connector);
        GracefulHandler requests = new GracefulHandler(context(config, routes, mounts, authenticator));
        server.setHandler(requests);
        server.setStopTimeout(0); // close() drains the requests itself, not the idle connections
        server.setErrorHandler(new JsonErrorHandler());
        HuddleServer started = new HuddleServer(server, connector, requests, config);
        try {
            server.start();
        } catch (Exception e) {
            started.close();
            throw failedStart(config.bind(), e);
        }
        return started;
    }

    private static ServletContextHandler context(ServerConfig config, Routes routes, List<ServletMount> mounts,
                                                 Authenticator authenticator) {
        ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.NO_SESSIONS);
        ErrorWriter errors = new ErrorWriter(config.log());
        HostNames names = new HostNames(config.bind().host(), config.allowedHosts());
        filter(context, "host", new HostFilter(names, errors));
        if (authenticator != null) {
            filter(context, "auth", new AuthFilter(authenticator, Set.of(Health.PATH), errors));
        }
        if (config.ratePerSecond() > 0) {
            RateLimiter limiter = new RateLimiter(config.ratePerSecond(), config.rateBurst(), config.clock(), 10_000);
            filter(context, "rate", new RateLimitFilter(limiter, RateLimitFilter::callerOrAddress, errors));
        }
        filter(context, "body", new BodyLimitFilter(config.maxBodyBytes(), errors));
        for (ServletMount mount : mounts) {
            ServletHolder holder = new ServletHolder(mount.servlet());
            holder.setAsyncSupported(true);
            context.addServlet(holder, mount.pathSpec());
        }
        // The default servlet ("/"): whatever no mount claims is the API's (or its 404).
        context.addServlet(new ServletHolder("api", new ApiServlet(routes, errors)), "/");
        return context;
    }

    private static void filter(ServletContextHandler context, String name, Filter filter) {
        FilterHolder holder = new FilterHolder(filter);
        holder.setName(name);
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
    }

    private static HuddleException failedStart(Bind bind, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return new PortInUse(bind, t);
            }
        }
        return new HuddleException(HuddleException.Kind.FAILED, "cannot listen on " + bind + ": " + e.getMessage(), e);
    }

    /** The port actually bound (the chosen one when the bind asked for 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://HOST:PORT} as bound. */
    public URI url() {
        return URI.create("http://" + config.bind().urlHost() + ":" + port());
    }

    /**
     * Stops accepting, waits up to the drain timeout for requests in flight (new requests on open
     * connections are answered 503 meanwhile), then stops. Only requests are waited for: Jetty's own
     * graceful stop also waits for every open connection to close, and a client's idle keep-alive
     * connection (a thin client's, an agent's between two commands) kept every stop waiting ~1.5 s.
     */
    @Override
    public void close() {
        if (server.isRunning()) {
            connector.shutdown(); // closes the listening socket; the connections it made stay until the stop
            try {
                requests.shutdown().get(config.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                config.log().println("huddle serve: requests still running after the drain timeout of "
                        + DurationText.format(config.drainTimeout()) + "; stopping anyway");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                config.log().println("huddle serve: draining the requests failed: " + e.getCause());
            }
        }
        try {
            server.stop();
        } catch (Exception e) {
            config.log().println("huddle serve: stopping the HTTP server failed: " + e);
        }
    }

    /** Another process listens on the address. */
    public static final class PortInUse extends HuddleException {
        public PortInUse(Bind bind, Throwable cause) {
            super(Kind.FAILED, "cannot listen on " + bind + ": the address is in use", cause);
        }
    }
}

package dev.huddle.server;

import dev.huddle.boot.ServerBoot;
import dev.huddle.core.HuddleException;
import dev.huddle.remote.Discovery;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code huddle serve} of one store: takes the store's serve lock, starts the HTTP server,
 * publishes the discovery file; {@link #close} undoes all three in reverse order, once.
 */
public final class Serving implements ServerBoot.Running {

    private final ServeLock lock;
    private final HuddleServer server;
    private final Discovery discovery;
    private final Path storeDir;
    private final boolean remote;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Serving(ServeLock lock, HuddleServer server, Discovery discovery, Path storeDir, boolean remote) {
        this.lock = lock;
        this.server = server;
        this.discovery = discovery;
        this.storeDir = storeDir;
        this.remote = remote;
    }

    /**
     * Starts serving the store in {@code storeDir}, the API behind {@code authenticator}, and
     * publishes {@code credential} (which the authenticator accepts as the local operator) in the
     * discovery file. Another server of the same store, or anything on the same address, is a
     * {@link HuddleException} naming it (pid and URL when it is Huddle).
     */
    public static Serving start(ServerConfig config, Routes routes, List<ServletMount> mounts, Path storeDir,
                                Authenticator authenticator, String credential) {
        return start(config, routes, mounts, storeDir, authenticator, credential, false);
    }

    /**
     * As above; a {@code shared} store (PostgreSQL) may have any number of servers: the first one
     * in {@code storeDir} takes the lock and publishes the discovery file, the others serve
     * without either (their clients are given the URL), and only the same address is refused.
     */
    public static Serving start(ServerConfig config, Routes routes, List<ServletMount> mounts, Path storeDir,
                                Authenticator authenticator, String credential, boolean shared) {
        ServeLock lock = shared ? ServeLock.tryAcquire(storeDir).orElse(null) : ServeLock.acquire(storeDir);
        try {
            HuddleServer server = startServer(config, routes, mounts, authenticator);
            Discovery fresh = Discovery.forThisProcess(localUrl(config.bind(), server.port()));
            Discovery discovery = new Discovery(fresh.url(), fresh.pid(), fresh.processStart(), credential);
            if (lock == null) {
                config.log().println("huddle: another huddle serve publishes " + storeDir.resolve(Discovery.FILE)
                        + "; clients reach this one with HUDDLE_URL=" + fresh.url());
                return new Serving(null, server, null, storeDir, !config.bind().loopback());
            }
            try {
                discovery.write(storeDir);
            } catch (IOException e) {
                server.close();
                throw HuddleException.failed("cannot write " + storeDir.resolve(Discovery.FILE) + ": " + e.getMessage());
            }
            return new Serving(lock, server, discovery, storeDir, !config.bind().loopback());
        } catch (RuntimeException e) {
            closeQuietly(lock, e);
            throw e;
        }
    }

    private static HuddleServer startServer(ServerConfig config, Routes routes, List<ServletMount> mounts,
                                            Authenticator authenticator) {
        try {
            return HuddleServer.start(config, routes, mounts, authenticator);
        } catch (HuddleServer.PortInUse e) {
            URI there = localUrl(config.bind(), config.bind().port());
            String who = config.bind().port() == 0 ? "" : PortProbe.huddlePid(there)
                    .map(pid -> ": huddle serve (pid " + pid + ", " + there + ") is listening there")
                    .orElse(": another program is listening there");
            throw HuddleException.failed(e.getMessage() + who + "; stop it, or choose another port with --bind HOST:PORT"
                    + " (port 0 picks a free one)");
        }
    }

    /** Where clients of this machine reach the server: a wildcard bind is reached through loopback. */
    static URI localUrl(Bind bind, int port) {
        InetAddress address = bind.address();
        String host = !address.isAnyLocalAddress() ? bind.urlHost() : address instanceof java.net.Inet6Address ? "[::1]" : "127.0.0.1";
        return URI.create("http://" + host + ":" + port);
    }

    /** The URL as bound ({@code http://HOST:PORT}). */
    @Override
    public URI url() {
        return server.url();
    }

    @Override
    public boolean remote() {
        return remote;
    }

    /** The discovery file this server published; null when another server of a shared store publishes it. */
    public Discovery discovery() {
        return discovery;
    }

    /** Blocks until {@link #close} has finished. */
    @Override
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /**
     * Stops accepting, drains requests in flight (up to the drain timeout), deletes the discovery
     * file and releases the lock. Safe to call again, and from a shutdown hook.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
            if (discovery != null) {
                discovery.removeIfOurs(storeDir);
            }
        } catch (IOException e) {
            System.err.println("huddle: warning: cannot delete " + storeDir.resolve(Discovery.FILE) + ": " + e.getMessage());
        } finally {
            closeQuietly(lock, null);
            stopped.countDown();
        }
    }

    private static void closeQuietly(ServeLock lock, Exception primary) {
        if (lock == null) {
            return; // a server of a shared store that another server publishes
        }
        try {
            lock.close();
        } catch (IOException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            }
            // Otherwise the process is ending, and with it the lock.
        }
    }
}

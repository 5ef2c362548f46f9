package dev.huddle.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Writes committed by anyone on the database, told to one process: a dedicated connection
 * LISTENs on {@value #CHANNEL}, which every write transaction NOTIFYs on commit
 * ({@link PostgresStore}), and each batch of notifications runs {@code changed} once. Several
 * {@code huddle serve}s on one database thus wake their waiters at each other's writes (and at a
 * CLI's). A lost connection is reopened with backoff (100 ms doubling to 5 s); once listening
 * again it runs {@code changed} once, since notifications sent meanwhile are lost and waiters must
 * look. A connection that dies silently is found by a {@code SELECT 1} after 10 s without traffic,
 * answered within 10 s.
 * Stores in several schemas of one database share the channel: a waiter may look once for nothing.
 */
public final class PostgresChangeFeed implements AutoCloseable {

    /** The channel every write transaction notifies. */
    public static final String CHANNEL = "huddle_changes";
    /** How the listening session is named in pg_stat_activity. */
    public static final String APPLICATION = "huddle listen";

    static final Duration POLL = Duration.ofMillis(500);
    static final Duration PROBE_AFTER = Duration.ofSeconds(10);
    static final Duration FIRST_RETRY = Duration.ofMillis(100);
    static final Duration LAST_RETRY = Duration.ofSeconds(5);

    private final PostgresConnector.Source source;
    private final Runnable changed;
    private final Thread thread;
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile int reconnects;
    private volatile long received;

    private PostgresChangeFeed(PostgresUrl url, Runnable changed) {
        this.source = PostgresConnector.direct(url, APPLICATION);
        this.changed = changed;
        this.thread = Thread.ofPlatform().daemon().name("huddle-listen").unstarted(this::run);
    }

    /** Starts listening on its own thread; {@code changed} runs on that thread, so it must be quick. */
    public static PostgresChangeFeed start(PostgresUrl url, Runnable changed) {
        PostgresChangeFeed feed = new PostgresChangeFeed(url, changed);
        feed.thread.start();
        return feed;
    }

    /** Whether the first LISTEN took effect within {@code wait} (a server not reachable keeps it retrying). */
    public boolean awaitListening(Duration wait) throws InterruptedException {
        return listening.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many notifications arrived (several may make one {@code changed}). */
    public long received() {
        return received;
    }

    /** How many times the connection was lost and listening resumed. */
    public int reconnects() {
        return reconnects;
    }

    private void run() {
        Duration retry = FIRST_RETRY;
        boolean resumed = false;
        while (!closed) {
            try (Connection c = source.open()) {
                c.setNetworkTimeout(Runnable::run, (int) PROBE_AFTER.toMillis()); // bounds the probe's wait for an answer
                listen(c);
                if (resumed) {
                    reconnects++;
                    changed.run(); // what was notified while no one listened is lost: every waiter looks once
                }
                listening.countDown();
                retry = FIRST_RETRY;
                receive(c);
            } catch (SQLException lost) {
                // Not reachable, or the session ended (pg_terminate_backend, a restart): listen again after a pause.
                resumed = true;
                pause(retry);
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            }
        }
    }

    private static void listen(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + CHANNEL);
        }
    }

    /** Until closed or the connection fails: one {@code changed} per batch of notifications. */
    private void receive(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long quietSince = System.nanoTime();
        while (!closed) {
            PGNotification[] batch = pg.getNotifications((int) POLL.toMillis());
            if (batch != null && batch.length > 0) {
                received += batch.length;
                changed.run();
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > PROBE_AFTER.toNanos()) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1"); // a dead peer makes this fail (socket error or connect timeout)
                }
                quietSince = System.nanoTime();
            }
        }
    }

    private void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            closed = true; // only close() interrupts this thread
        }
    }

    /** Stops listening and closes the connection (within one poll); safe to repeat. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(POLL.multipliedBy(4).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

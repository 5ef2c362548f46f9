package dev.huddle.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A call that may wait in line ({@code lock --wait}, {@code frontier --wait}), run so that SIGTERM
 * or Ctrl-C ends the wait cleanly: the JVM's shutdown interrupts the waiting thread, the use case
 * gives up as it does on an interrupt (it leaves the line, recorded as {@code interrupted}), and
 * the shutdown waits a moment for that write. Without it a stopped waiter kept its place until its
 * place lapsed, holding back everyone behind it. A {@code kill -9} still cannot be answered; the
 * lapse covers it.
 */
public final class WaitingCall {

    /** How long the shutdown waits for the wait to leave the line. */
    static final long LEAVE_WITHIN_MS = 3_000;

    private WaitingCall() {}

    /**
     * Whether a call with {@code wait} queues in this process: a wait on the store file does; through a
     * server the server's own watchdog ends the wait when this process's connection closes, and a
     * blocked socket read would only hold the exit back.
     */
    public static boolean queues(java.util.Optional<?> wait, Invocation inv) {
        return wait.isPresent() && !inv.throughServer();
    }

    public static <T> T run(Supplier<T> call) {
        Thread waiting = Thread.currentThread();
        CountDownLatch left = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            waiting.interrupt();
            try {
                left.await(LEAVE_WITHIN_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ignore) {
                // Shutting down either way.
            }
        }, "huddle-leave-the-line");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return call.get();
        } finally {
            left.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it has what it waited for.
            }
        }
    }
}

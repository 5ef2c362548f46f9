package dev.huddle.it;

import dev.huddle.it.HuddleProcess.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * One contending agent: {@code cycles} times, {@code huddle lock} until granted (exit 2 → retry
 * after a random, growing pause), enter the guard, leave it, {@code huddle unlock}. Every lock and
 * unlock is its own OS process on the shared store. A worker stops at the deadline, so a run that
 * cannot finish still reports what it saw.
 */
final class LeaseWorker implements Callable<LeaseWorker.Tally> {

    /** What one worker did: cycles completed, lock refusals, and every answer other than 0 or 2. */
    record Tally(String agent, int cycles, int denials, List<String> unexpected) {}

    private static final Duration FIRST_PAUSE = TestTiming.scaled(Duration.ofMillis(100));
    private static final Duration LONGEST_PAUSE = TestTiming.scaled(Duration.ofMillis(6000));
    private static final Duration HOLD = TestTiming.scaled(Duration.ofMillis(10));
    private static final int UNEXPECTED_LIMIT = 10;

    private final String agent;
    private final HuddleProcess huddle;
    private final int cycles;
    private final IntFunction<String> resourceOfCycle;
    private final ExclusiveGuard guard;
    private final CountDownLatch start;
    private final Instant deadline;
    private final List<String> unexpected = new ArrayList<>();
    private int denials;

    LeaseWorker(String agent, HuddleProcess huddle, int cycles, IntFunction<String> resourceOfCycle,
            ExclusiveGuard guard, CountDownLatch start, Instant deadline) {
        this.agent = agent;
        this.huddle = huddle.as(agent);
        this.cycles = cycles;
        this.resourceOfCycle = resourceOfCycle;
        this.guard = guard;
        this.start = start;
        this.deadline = deadline;
    }

    @Override
    public Tally call() throws InterruptedException {
        if (!start.await(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("start signal never came");
        }
        int done = 0;
        while (done < cycles && unexpected.size() < UNEXPECTED_LIMIT && Instant.now().isBefore(deadline)) {
            String resource = resourceOfCycle.apply(done);
            if (acquire(resource)) {
                guard.enter(agent);
                pause(HOLD);
                guard.leave(agent);
                expectSuccess(huddle.run("unlock", resource), "unlock " + resource);
                done++;
            }
        }
        return new Tally(agent, done, denials, List.copyOf(unexpected));
    }

    /** Locks {@code resource}, retrying refusals; false after an unexpected answer or at the deadline. */
    private boolean acquire(String resource) throws InterruptedException {
        Duration bound = FIRST_PAUSE;
        while (Instant.now().isBefore(deadline)) {
            Result lock = huddle.run("lock", resource, "--ttl", "10m");
            if (lock.exitCode() != 2) {
                return expectSuccess(lock, "lock " + resource);
            }
            denials++;
            pause(bound.dividedBy(2).plusMillis(ThreadLocalRandom.current().nextLong(bound.toMillis() / 2 + 1)));
            bound = bound.multipliedBy(2).compareTo(LONGEST_PAUSE) < 0 ? bound.multipliedBy(2) : LONGEST_PAUSE;
        }
        return false;
    }

    private boolean expectSuccess(Result result, String what) {
        if (result.exitCode() != 0) {
            unexpected.add(agent + " " + what + ": " + result);
        }
        return result.exitCode() == 0;
    }

    private static void pause(Duration pause) throws InterruptedException {
        Thread.sleep(pause);
    }
}

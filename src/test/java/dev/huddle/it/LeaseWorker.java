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
 * after a random pause), enter the guard, leave it, {@code huddle unlock}. Every lock and unlock is
 * its own OS process on the shared store. A worker stops at the deadline, so a run that cannot
 * finish still reports what it saw.
 *
 * <p>Each refused attempt costs a whole JVM start, so the pause is paced to the machine: about as
 * long as the rivals together take to run one command each (measured as the run goes). The rivals
 * then make about one attempt per holding period: the next holder is usually already on its way
 * when a lease is released, without a crowd of refused processes competing for the CPU.
 */
final class LeaseWorker implements Callable<LeaseWorker.Tally> {

    /** What all workers share: the store, the guard, the start signal and the deadline. */
    record Contest(HuddleProcess huddle, ExclusiveGuard guard, CountDownLatch start, Instant deadline, int workers,
            int cycles) {}

    /** What one worker did: cycles completed, lock refusals, and every answer other than 0 or 2. */
    record Tally(String agent, int cycles, int denials, List<String> unexpected) {}

    private static final Duration HOLD = TestTiming.scaled(Duration.ofMillis(10));
    private static final int UNEXPECTED_LIMIT = 10;

    private final String agent;
    private final HuddleProcess huddle;
    private final IntFunction<String> resourceOfCycle;
    private final Contest contest;
    private final List<String> unexpected = new ArrayList<>();
    private Duration typicalRun = Duration.ofMillis(100);
    private int denials;

    LeaseWorker(String agent, IntFunction<String> resourceOfCycle, Contest contest) {
        this.agent = agent;
        this.huddle = contest.huddle().as(agent);
        this.resourceOfCycle = resourceOfCycle;
        this.contest = contest;
    }

    @Override
    public Tally call() throws InterruptedException {
        if (!contest.start().await(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("start signal never came");
        }
        int done = 0;
        while (done < contest.cycles() && unexpected.size() < UNEXPECTED_LIMIT && inTime()) {
            String resource = resourceOfCycle.apply(done);
            if (acquire(resource)) {
                contest.guard().enter(agent);
                Thread.sleep(HOLD);
                contest.guard().leave(agent);
                expectSuccess(run("unlock", resource), "unlock " + resource);
                done++;
            }
        }
        return new Tally(agent, done, denials, List.copyOf(unexpected));
    }

    /** Locks {@code resource}, retrying refusals; false after an unexpected answer or at the deadline. */
    private boolean acquire(String resource) throws InterruptedException {
        while (inTime()) {
            Result lock = run("lock", resource, "--ttl", "10m");
            if (lock.exitCode() != 2) {
                return expectSuccess(lock, "lock " + resource);
            }
            denials++;
            double share = 0.5 + ThreadLocalRandom.current().nextDouble();
            Thread.sleep(Duration.ofNanos((long) (typicalRun.toNanos() * (contest.workers() - 1) * share)));
        }
        return false;
    }

    /** Runs one command and folds its duration into the running estimate used for pacing. */
    private Result run(String... args) {
        long started = System.nanoTime();
        Result result = huddle.run(args);
        typicalRun = typicalRun.multipliedBy(3).plusNanos(System.nanoTime() - started).dividedBy(4);
        return result;
    }

    private boolean expectSuccess(Result result, String what) {
        if (result.exitCode() != 0) {
            unexpected.add(agent + " " + what + ": " + result);
        }
        return result.exitCode() == 0;
    }

    private boolean inTime() {
        return Instant.now().isBefore(contest.deadline());
    }
}

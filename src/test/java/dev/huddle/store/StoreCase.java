package dev.huddle.store;

import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.agent.Role;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.frontier.Pointstamp;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.message.Importance;
import dev.huddle.core.message.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every part of {@link StoreContract} shares: a fresh store per test in its own directory,
 * and records of dev.huddle.core built with millisecond instants (what every adapter keeps).
 */
abstract class StoreCase {

    static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");

    @TempDir
    Path dir;

    Store store;

    /** A store kept under {@code dir}; a second call with the same directory opens the same data. */
    protected abstract Store newStore(Path dir);

    @BeforeEach
    final void openStore() {
        store = newStore(dir);
    }

    @AfterEach
    final void closeStore() {
        store.close();
    }

    <T> T write(Function<Tx, T> work) {
        return store.write(work);
    }

    void run(Consumer<Tx> work) {
        store.write((Tx tx) -> {
            work.accept(tx);
            return null;
        });
    }

    <T> T read(Function<Tx, T> work) {
        return store.read(work);
    }

    /**
     * Two fresh stores set up alike, the works of one round written on one as a batch and on the
     * other each alone ({@link #batchedAndAlone}), and what each work came to both ways, in order.
     */
    record BatchedAndAlone(Store batched, Store alone, List<Written> inBatch, List<Written> eachAlone) {}

    /**
     * Sets up two fresh stores (in round {@code round}'s own directories) by {@code setUp}, writes
     * {@code works} as one batch on one and each alone on the other, and hands both to {@code check}
     * before closing them: what the seeded batch tests compare.
     */
    void batchedAndAlone(int round, Consumer<Tx> setUp, List<Function<Tx, ?>> works, Consumer<BatchedAndAlone> check)
            throws IOException {
        try (Store batched = newStore(Files.createDirectories(dir.resolve("batched-" + round)));
             Store alone = newStore(Files.createDirectories(dir.resolve("alone-" + round)))) {
            for (Store each : List.of(batched, alone)) {
                each.write((Tx tx) -> {
                    setUp.accept(tx);
                    return null;
                });
            }
            List<Written> inBatch = batched.writeEach(works);
            List<Written> eachAlone = new ArrayList<>();
            for (Function<Tx, ?> work : works) {
                try {
                    eachAlone.add(Written.done(alone.write(work)));
                } catch (RuntimeException e) {
                    eachAlone.add(Written.failed(e));
                }
            }
            check.accept(new BatchedAndAlone(batched, alone, inBatch, eachAlone));
        }
    }

    /** What a work of a batch came to, as the seeded batch tests compare it: its value, or its failure's kind. */
    static String outcome(Written w) {
        return w.failure() == null ? "done " + w.get() : "failed " + w.failure().getClass().getSimpleName();
    }

    static AgentId id(String value) {
        return new AgentId(value);
    }

    static Instant at(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    /** An agent with every profile field set. */
    static Agent agent(String id) {
        AgentProfile profile = new AgentProfile(Optional.of("Agent " + id), List.of(new Role("reviewer"), new Role("qa")),
                Optional.of("claude-code"), Optional.of("opus"), Optional.of("parser work"),
                Optional.of("/repo/wt-" + id), Optional.of("feat/" + id));
        return new Agent(id(id), profile, T0, T0.plusMillis(1_234), Optional.empty(), new LamportTime(3),
                new Pointstamp(1, 2));
    }

    void register(String... ids) {
        run(tx -> List.of(ids).forEach(i -> tx.agents().insert(agent(i))));
    }

    static Lease lease(String resource, String holder, LeaseMode mode, Instant grantedAt, Instant expiresAt) {
        return new Lease(0, Resource.fromText(resource), id(holder), mode, null, Optional.empty(), Optional.empty(),
                grantedAt, expiresAt, Optional.empty());
    }

    /** Grants {@code resource} to {@code holder} from minute {@code from} to {@code until}, with a fresh token. */
    Lease grant(String resource, String holder, long from, long until) {
        return write((Tx tx) -> tx.leases().insert(withToken(lease(resource, holder, LeaseMode.EXCLUSIVE, at(from), at(until)), tx)));
    }

    static Lease withToken(Lease l, Tx tx) {
        return new Lease(l.id(), l.resource(), l.holder(), l.mode(), tx.nextFencingToken(), l.reason(), l.task(),
                l.grantedAt(), l.expiresAt(), l.releasedAt());
    }

    static Message message(String sender, String subject, String body, String thread) {
        return new Message(0, id(sender), new LamportTime(7), T0, Optional.ofNullable(subject), body, Importance.NORMAL,
                false, Optional.ofNullable(thread), Optional.empty(), List.of("bob", "@qa"));
    }

    Message send(String sender, String body, String... recipients) {
        return write((Tx tx) -> tx.messages().insert(message(sender, null, body, null), List.of(recipients).stream()
                .map(StoreCase::id).toList()));
    }
}

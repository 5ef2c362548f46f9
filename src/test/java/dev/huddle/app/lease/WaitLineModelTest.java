package dev.huddle.app.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.Context;
import dev.huddle.app.Workspace;
import dev.huddle.core.Settings;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.Conflict;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.lease.Waiter;
import dev.huddle.store.sqlite.SqliteStore;
import dev.huddle.testing.TestHuddle;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The line of lock waiters against a model of DESIGN §4.4, over random interleavings that no real
 * schedule would reliably produce: agents with skewed Lamport clocks ask (waiting or not) for
 * overlapping globs and paths, shared and exclusive; waiters check in any order, give up, or die
 * (stop renewing) and lapse; holders release; time passes. After every step the store's answer
 * must be the model's: a request is granted exactly when no live lease conflicts and no contending
 * waiter that arrived before it is still in line, and a denial names exactly those. The model's
 * order is arrival only: clocks play no part. Every case prints its seed and replays from it.
 */
class WaitLineModelTest {

    private static final List<String> RESOURCES = List.of("src/a.py", "src/b.py", "src/*.py", "src/**", "docs/x.md",
            "name:db");
    private static final Set<String> SOURCE = Set.of("src/a.py", "src/b.py", "src/*.py", "src/**");
    private static final int AGENTS = 7;
    private static final int STEPS = 300;
    private static final Duration TTL = Duration.ofMinutes(30);

    @TempDir
    Path dir;

    private enum State { IDLE, WAITING, HOLDING, DEAD }

    /** One agent: its own store connection (its own "process"), and what the model says it is doing. */
    private final class Agent {
        final AgentId id;
        final SqliteStore store;
        final Context ctx;
        State state = State.IDLE;
        List<String> wants = List.of();
        LeaseMode mode = LeaseMode.EXCLUSIVE;
        long arrival;
        Instant aliveUntil = Instant.MIN;
        LeaseWait wait;

        Agent(AgentId id, TestHuddle h) {
            this.id = id;
            this.store = h.store();
            this.ctx = new Context(store, Settings.DEFAULTS, h.clock, new Workspace(dir, dir), h.clock::advance, false);
        }

        boolean inLine(Instant now) {
            return (state == State.WAITING || state == State.DEAD) && aliveUntil.isAfter(now);
        }

        boolean contendsWith(Agent other) {
            if (other == this || mode == LeaseMode.SHARED && other.mode == LeaseMode.SHARED) {
                return false;
            }
            return wants.stream().anyMatch(x -> other.wants.stream().anyMatch(y -> intersects(x, y)));
        }
    }

    /** The intersections of {@link #RESOURCES}, written out by hand rather than computed by Huddle's code. */
    private static boolean intersects(String x, String y) {
        return x.equals(y) || SOURCE.contains(x) && SOURCE.contains(y)
                && !Set.of(x, y).equals(Set.of("src/a.py", "src/b.py"));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 20261121, 7_777_777})
    void line_overRandomInterleavings_agreesWithTheModel_andNobodyIsOvertaken(long seed) {
        System.out.println("WaitLineModelTest seed " + seed);
        Random random = new Random(seed);
        try (TestHuddle h = new TestHuddle(dir)) {
            List<Agent> agents = new ArrayList<>();
            for (int i = 0; i < AGENTS; i++) {
                AgentId id = h.register("a" + i);
                int skew = i == 0 ? 300 : random.nextInt(60);
                for (int k = 0; k < skew; k++) {
                    h.coordinator.agents().heartbeat(id, Optional.empty(), Optional.empty());
                }
                agents.add(new Agent(id, h));
            }
            Run run = new Run(seed, random, h, agents);
            try {
                for (int step = 0; step < STEPS; step++) {
                    run.step(step);
                }
                run.drain();
            } finally {
                agents.forEach(a -> a.store.close());
            }
        }
    }

    private final class Run {
        final long seed;
        final Random random;
        final TestHuddle h;
        final List<Agent> agents;
        long arrivals;
        long lastWaiterId;
        String where = "";

        Run(long seed, Random random, TestHuddle h, List<Agent> agents) {
            this.seed = seed;
            this.random = random;
            this.h = h;
            this.agents = agents;
        }

        void step(int step) {
            int roll = random.nextInt(100);
            if (roll < 30) {
                pick(State.IDLE).ifPresent(a -> ask(a, "step " + step));
            } else if (roll < 65) {
                pick(State.WAITING).ifPresent(a -> check(a, "step " + step));
            } else if (roll < 80) {
                pick(State.HOLDING).ifPresent(this::release);
            } else if (roll < 84) {
                pick(State.WAITING).ifPresent(a -> giveUp(a, "step " + step));
            } else if (roll < 85) {
                pick(State.WAITING).ifPresent(a -> a.state = State.DEAD);
            } else {
                pass(Duration.ofMillis(random.nextInt(3_000)));
            }
        }

        /** Everyone holding releases, and the living waiters check until the line is empty: all of them get their turn. */
        void drain() {
            agents.stream().filter(a -> a.state == State.HOLDING).forEach(this::release);
            for (int round = 0; round < 1_000 && agents.stream().anyMatch(a -> a.state == State.WAITING); round++) {
                List<Agent> waiting = agents.stream().filter(a -> a.state == State.WAITING).collect(Collectors.toList());
                java.util.Collections.shuffle(waiting, random);
                for (Agent a : waiting) {
                    check(a, "drain round " + round);
                    if (a.state == State.HOLDING) {
                        release(a);
                    }
                }
                pass(Duration.ofMillis(500));
            }
            assertThat(agents).as("seed %d: every living waiter got its turn", seed)
                    .noneMatch(a -> a.state == State.WAITING);
        }

        void ask(Agent a, String when) {
            a.wants = pickResources();
            a.mode = random.nextInt(4) == 0 ? LeaseMode.SHARED : LeaseMode.EXCLUSIVE;
            boolean waits = random.nextInt(10) < 7;
            LockRequest req = new LockRequest(a.id, a.wants, a.mode, Optional.of(TTL), Optional.empty(), Optional.empty(),
                    waits ? Optional.of(Duration.ofHours(1)) : Optional.empty());
            where = "seed " + seed + " " + when + ": " + a.id + " asks " + a.mode.label() + " " + a.wants
                    + (waits ? " and waits" : "");
            Instant now = h.clock.instant();
            // Not queued yet: everyone in line arrived before it.
            Set<AgentId> ahead = ids(agents.stream().filter(o -> o.inLine(now) && a.contendsWith(o)).toList());
            Set<AgentId> holders = holdersInTheWay(a);
            LeaseWait w = a.ctx.decide(tx -> LeaseWait.arrive(tx, a.ctx, new ResourceResolver(a.ctx.workspace()).sameFiles(), req, resources(a.wants), TTL),
                    x -> !x.queued() && x.outcome() instanceof LockOutcome.Denied);
            expect(w.outcome(), holders, ahead);
            if (w.outcome() instanceof LockOutcome.Granted) {
                a.state = State.HOLDING;
            } else if (waits) {
                assertThat(w.waiterId()).as(where + ": queued behind everyone").isGreaterThan(lastWaiterId);
                lastWaiterId = w.waiterId();
                a.state = State.WAITING;
                a.arrival = ++arrivals;
                a.aliveUntil = now.plus(LeaseWait.WAITER_GRACE);
                a.wait = w;
            }
        }

        void check(Agent a, String when) {
            where = "seed " + seed + " " + when + ": waiter " + a.id + " (" + a.mode.label() + " " + a.wants + ") checks";
            Instant now = h.clock.instant();
            Set<AgentId> ahead = ids(agents.stream()
                    .filter(o -> o.inLine(now) && o.arrival < a.arrival && a.contendsWith(o)).toList());
            Set<AgentId> holders = holdersInTheWay(a);
            LockOutcome outcome = a.wait.check();
            expect(outcome, holders, ahead);
            if (outcome instanceof LockOutcome.Granted) {
                a.state = State.HOLDING;
            }
        }

        void giveUp(Agent a, String when) {
            where = "seed " + seed + " " + when + ": waiter " + a.id + " gives up";
            assertThat(a.wait.giveUp()).as(where).isInstanceOfSatisfying(LockOutcome.Denied.class,
                    d -> assertThat(d.timedOut()).isTrue());
            a.state = State.IDLE;
        }

        void release(Agent a) {
            new LeaseService(a.ctx).unlock(new UnlockRequest(a.id, a.wants, Optional.empty(), false, Optional.empty()));
            a.state = State.IDLE;
        }

        /** Living waiters renew their place (as their loop does), then the clock moves; the dead lapse and start over. */
        void pass(Duration d) {
            for (Agent a : agents) {
                if (a.state == State.WAITING) {
                    a.wait.refresh();
                    a.aliveUntil = h.clock.instant().plus(LeaseWait.WAITER_GRACE);
                }
            }
            h.clock.advance(d);
            for (Agent a : agents) {
                if (a.state == State.DEAD && !a.inLine(h.clock.instant())) {
                    a.state = State.IDLE; // its process is gone and its place lapsed; the agent may ask anew
                }
            }
        }

        private void expect(LockOutcome outcome, Set<AgentId> holders, Set<AgentId> ahead) {
            boolean grantable = holders.isEmpty() && ahead.isEmpty();
            assertThat(outcome instanceof LockOutcome.Granted).as(where + "; in the way: holders %s, waiters ahead %s",
                    holders, ahead).isEqualTo(grantable);
            if (outcome instanceof LockOutcome.Denied d) {
                assertThat(d.conflicts().stream().map(Conflict::heldBy).map(l -> l.holder()).collect(Collectors.toSet()))
                        .as(where + ": holders named").isEqualTo(holders);
                assertThat(d.queuedAhead().stream().map(Waiter::agent).collect(Collectors.toSet()))
                        .as(where + ": waiters named ahead").isEqualTo(ahead);
            }
        }

        private Set<AgentId> holdersInTheWay(Agent a) {
            return ids(agents.stream().filter(o -> o.state == State.HOLDING && a.contendsWith(o)).toList());
        }

        private Optional<Agent> pick(State state) {
            List<Agent> in = agents.stream().filter(a -> a.state == state).toList();
            return in.isEmpty() ? Optional.empty() : Optional.of(in.get(random.nextInt(in.size())));
        }

        private List<String> pickResources() {
            Set<String> chosen = new HashSet<>();
            int n = 1 + random.nextInt(2);
            while (chosen.size() < n) {
                chosen.add(RESOURCES.get(random.nextInt(RESOURCES.size())));
            }
            return List.copyOf(chosen).stream().sorted().toList();
        }
    }

    private static List<Resource> resources(List<String> texts) {
        return texts.stream().map(Resource::fromText).toList();
    }

    private static Set<AgentId> ids(List<Agent> agents) {
        return agents.stream().map(a -> a.id).collect(Collectors.toSet());
    }
}

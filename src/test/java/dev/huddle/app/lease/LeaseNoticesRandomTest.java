package dev.huddle.app.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.Coordinator;
import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.testing.TestHuddle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random histories of locks, releases, forced releases, renewals, leaves, gc and passing time, by
 * two "processes" on one store: afterwards every lease that expired or was force-released has told
 * exactly its holder exactly once, and no other lease told anyone. The seed is printed.
 */
class LeaseNoticesRandomTest {

    private static final int STEPS = 250;
    private static final Pattern TOKEN = Pattern.compile("fencing token (\\d+)");

    @TempDir
    Path dir;

    /** Four "processes" sweeping at once (each its own connection, on threads): still one notice per lease. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7L, 20261204L})
    void concurrentSweepers_tellEachExpiredLeaseOnce(long seed) throws Exception {
        System.out.println("LeaseNoticesRandomTest concurrent seed " + seed);
        Random random = new Random(seed);
        try (TestHuddle h = new TestHuddle(dir.resolve("c" + seed))) {
            List<AgentId> holders = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                holders.add(h.register("holder" + i));
            }
            int expiring = 30 + random.nextInt(30);
            for (int i = 0; i < expiring; i++) {
                h.coordinator.leases().lock(new LockRequest(holders.get(random.nextInt(holders.size())), List.of("e" + i),
                        LeaseMode.EXCLUSIVE, Optional.of(Duration.ofMinutes(1 + random.nextInt(5))), Optional.empty(),
                        Optional.empty(), Optional.empty()));
            }
            h.clock.advance(Duration.ofMinutes(10));
            List<Thread> sweepers = new ArrayList<>();
            List<Throwable> failed = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 4; t++) {
                AgentId who = h.register("sweeper" + t);
                Coordinator process = h.another();
                sweepers.add(Thread.ofPlatform().uncaughtExceptionHandler((th, e) -> failed.add(e)).start(() -> {
                    // Each lock tells at most 32; enough of them that every sweeper races for the same leases.
                    for (int i = 0; i < 4; i++) {
                        process.leases().lock(new LockRequest(who, List.of(who + "/" + i), LeaseMode.EXCLUSIVE,
                                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
                    }
                    process.close();
                }));
            }
            for (Thread t : sweepers) {
                t.join(Duration.ofSeconds(60));
            }
            assertThat(failed).as("seed %d", seed).isEmpty();
            Map<Long, Integer> told = new TreeMap<>();
            for (AgentId holder : holders) {
                h.coordinator.messages().inbox(holder, true).forEach(e -> {
                    Matcher m = TOKEN.matcher(e.message().body());
                    assertThat(m.find()).isTrue();
                    told.merge(Long.parseLong(m.group(1)), 1, Integer::sum);
                });
            }
            assertThat(told).as("seed %d: every expired lease told", seed).hasSize(expiring);
            assertThat(told.values()).as("seed %d: once", seed).containsOnly(1);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 20261203L, 0xC0FFEEL})
    void everyExpiredOrForcedLease_tellsExactlyItsHolder_exactlyOnce(long seed) {
        System.out.println("LeaseNoticesRandomTest seed " + seed);
        Random random = new Random(seed);
        try (TestHuddle h = new TestHuddle(dir.resolve("s" + seed))) {
            List<AgentId> agents = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                agents.add(h.register("agent" + i));
            }
            Coordinator[] processes = {h.coordinator, h.another()};
            Set<Long> forced = new HashSet<>();
            for (int step = 0; step < STEPS; step++) {
                Coordinator c = processes[random.nextInt(processes.length)];
                AgentId who = agents.get(random.nextInt(agents.size()));
                String resource = "r" + random.nextInt(6);
                int op = random.nextInt(100);
                try {
                    if (op < 40) {
                        c.leases().lock(new LockRequest(who, List.of(resource), LeaseMode.EXCLUSIVE,
                                Optional.of(Duration.ofMinutes(1 + random.nextInt(20))), Optional.empty(),
                                Optional.empty(), Optional.empty()));
                    } else if (op < 55) {
                        c.leases().unlock(new UnlockRequest(who, List.of(resource), Optional.empty(), false,
                                Optional.empty()));
                    } else if (op < 65) {
                        if (c.leases().unlock(new UnlockRequest(who, List.of(resource), Optional.empty(), true,
                                Optional.of("step " + step))) instanceof UnlockOutcome.Done done) {
                            done.leases().stream().filter(l -> !l.holder().equals(who))
                                    .forEach(l -> forced.add(l.token().value()));
                        }
                    } else if (op < 72) {
                        c.leases().renew(who, List.of(), Optional.of(Duration.ofMinutes(1 + random.nextInt(20))),
                                Optional.empty());
                    } else if (op < 75) {
                        c.agents().leave(who);
                    } else if (op < 78) {
                        c.overview().gc();
                    } else {
                        h.clock.advance(Duration.ofSeconds(random.nextInt(15 * 60)));
                    }
                } catch (HuddleException expected) {
                    // Nothing to release or renew: part of a random history, and it changes nothing.
                }
            }
            // Every lease has ended by now; gc sweeps the ones nobody noticed (nothing is old enough to delete).
            h.clock.advance(Duration.ofDays(1));
            h.coordinator.overview().gc();

            Map<Long, List<String>> expected = new TreeMap<>();
            for (LeaseView v : h.coordinator.leases().locks(true, Optional.empty())) {
                Lease l = v.lease();
                boolean expired = v.state() == LeaseView.State.EXPIRED;
                assertThat(expired && forced.contains(l.token().value())).as("seed %d: token %s", seed, l.token()).isFalse();
                if (expired || forced.contains(l.token().value())) {
                    expected.put(l.token().value(), List.of(l.holder().value()));
                }
            }
            Map<Long, List<String>> told = new TreeMap<>();
            for (AgentId agent : agents) {
                h.coordinator.messages().inbox(agent, true).stream()
                        .filter(e -> e.message().subject().filter(s -> s.startsWith("lease on ")).isPresent())
                        .forEach(e -> {
                            assertThat(e.message().recipients()).as("seed %d", seed).containsExactly(agent.value());
                            Matcher m = TOKEN.matcher(e.message().body());
                            assertThat(m.find()).as("seed %d: %s", seed, e.message().body()).isTrue();
                            told.computeIfAbsent(Long.parseLong(m.group(1)), t -> new ArrayList<>()).add(agent.value());
                        });
            }
            assertThat(expected).as("seed %d: a history with expiries and forced releases", seed).hasSizeGreaterThan(5);
            assertThat(told).as("seed %d: token → agents told", seed).isEqualTo(expected);
        }
    }
}

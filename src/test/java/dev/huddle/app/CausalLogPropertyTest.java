package dev.huddle.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.agent.Role;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import dev.huddle.store.sqlite.SqliteStore;
import dev.huddle.testing.CausalLog;
import dev.huddle.testing.RandomCommands;
import dev.huddle.testing.TestHuddle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN §4.2 as a property: several agents, each with its own coordinator (its own "process") on
 * one real SQLite store and with starting clocks far apart, run random interleavings of every
 * mutating command; afterwards the log must be causal ({@link CausalLog}), {@code log} must list it
 * in (time, agent) order and {@code watch} must follow the sequence numbers. Each seed is printed;
 * {@code -Dhuddle.causal.seed=N} replays one.
 */
class CausalLogPropertyTest {

    private static final int STEPS = 500;

    @TempDir
    Path dir;
    private TestHuddle h;
    private final List<Coordinator> opened = new ArrayList<>();

    static List<Long> seeds() {
        String one = System.getProperty("huddle.causal.seed");
        return one != null ? List.of(Long.parseLong(one)) : List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 20261121L);
    }

    @AfterEach
    void close() {
        opened.forEach(Coordinator::close);
        if (h != null) {
            h.close();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomInterleavings_ofEveryCommand_withSkewedClocks_leaveACausalLog(long seed) {
        System.out.println("CausalLogPropertyTest seed " + seed + " (replay: -Dhuddle.causal.seed=" + seed + ")");
        Random random = new Random(seed);
        h = new TestHuddle(dir.resolve("s" + seed));
        Run run = new Run(random);
        run.start();
        for (int step = 0; step < STEPS; step++) {
            run.step(step);
        }

        List<Event> bySeq = watched();
        assertThat(bySeq.stream().map(Event::kind).distinct()).as("seed %d: the run reached most kinds of event", seed)
                .hasSizeGreaterThan(20);
        assertThat(CausalLog.violations(bySeq)).as("seed %d: causality violations", seed).isEmpty();
        List<Event> shown = h.coordinator.events().log(EventFilter.after(0, 1_000_000));
        assertThat(shown).as("seed %d: log shows every event in (time, agent, seq) order", seed)
                .containsExactlyElementsOf(bySeq.stream().sorted(Comparator.comparing((Event e) -> e.stamp())
                        .thenComparing(e -> e.agent().map(AgentId::value).orElse(""))
                        .thenComparingLong(Event::seq)).toList());
    }

    /** Every event through {@code watch} from the start: it must deliver them in sequence order, each once. */
    private List<Event> watched() {
        long last = h.coordinator.events().lastSeq();
        List<Event> seen = new ArrayList<>();
        h.coordinator.events().watch(EventFilter.after(0, 1_000), Duration.ofMinutes(1), e -> {
            seen.add(e);
            return e.seq() < last;
        });
        assertThat(seen).extracting(Event::seq).isSortedAccordingTo(Comparator.naturalOrder()).doesNotHaveDuplicates();
        assertThat(seen.getLast().seq()).isEqualTo(last);
        return seen;
    }

    /** One randomised run: the agents, each with its own coordinator, and one random command per step. */
    private final class Run {
        private final Random random;
        private final RandomCommands commands;
        private final List<AgentId> agents = new ArrayList<>();
        private final List<Coordinator> coordinators = new ArrayList<>();

        Run(Random random) {
            this.random = random;
            this.commands = new RandomCommands(random, h.root);
        }

        void start() {
            register("a0", "operator");
            register("a1", "reviewer");
            register("a2");
            register("a3");
            // Clocks far apart: one agent has worked much longer than the others.
            long[] skews = {0, 3, 40, 900, 250_000};
            try (SqliteStore store = h.store()) {
                for (AgentId a : agents) {
                    long skew = skews[random.nextInt(skews.length)];
                    store.write(tx -> {
                        Agent found = tx.agents().find(a).orElseThrow();
                        tx.agents().update(found.withClock(new LamportTime(found.clock().value() + skew), found.lastSeen()));
                        return null;
                    });
                }
            }
        }

        private void register(String id, String... roles) {
            AgentId agent = AgentId.of(id);
            Coordinator c = h.another();
            opened.add(c);
            c.agents().register(agent, new AgentProfile(Optional.empty(), List.of(roles).stream().map(Role::of).toList(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty());
            agents.add(agent);
            coordinators.add(c);
        }

        void step(int step) {
            if (step == STEPS / 3) {
                register("late"); // an agent that joins when much has happened
            }
            h.clock.advance(Duration.ofSeconds(random.nextInt(90)));
            if (random.nextInt(60) == 0) {
                h.clock.advance(Duration.ofHours(3)); // everyone idle long enough to go offline
            }
            int who = random.nextInt(agents.size());
            commands.run(coordinators.get(who), agents.get(who), agents);
        }
    }
}

package dev.huddle.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.lease.LockOutcome;
import dev.huddle.app.lease.LockRequest;
import dev.huddle.app.lease.UnlockRequest;
import dev.huddle.app.message.SendRequest;
import dev.huddle.app.task.NewTask;
import dev.huddle.core.Settings;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.message.Address;
import dev.huddle.core.message.Importance;
import dev.huddle.core.task.Task;
import dev.huddle.store.ActingWork;
import dev.huddle.store.ForwardingStore;
import dev.huddle.store.Tx;
import dev.huddle.store.sqlite.SqliteStore;
import dev.huddle.testing.MutableClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The use cases that act as an agent say so to the store ({@link ActingWork}), naming the agents
 * whose rows they look up: on PostgreSQL a batch of writes then reads those rows in one round trip
 * instead of one each, and a use case that stopped naming them would only show as a slower server.
 */
class ActingWorksTest {

    @TempDir
    Path dir;

    /** The works handed to the store's write, in order. */
    private final List<Function<Tx, ?>> written = new ArrayList<>();

    @Test
    void everyWriteOfTheHotUseCases_namesItsCaller_andASendTheAgentsItAddressesById() {
        MutableClock clock = MutableClock.atNoon();
        try (LocalCoordinator c = new LocalCoordinator(new Context(recording(new SqliteStore(dir.resolve("huddle.db"))),
                Settings.DEFAULTS, clock, new Workspace(dir, dir), clock::advance, false))) {
            AgentId alice = new AgentId("alice");
            AgentId bob = new AgentId("bob");
            c.agents().register(alice, AgentProfile.empty(), Optional.empty());
            c.agents().register(bob, AgentProfile.empty(), Optional.empty());
            assertThat(namedSince(0)).containsExactly(List.of(alice), List.of(bob));

            int from = written.size();
            LockOutcome lock = c.leases().lock(new LockRequest(alice, List.of("src/a.py"), LeaseMode.EXCLUSIVE,
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
            assertThat(lock).isInstanceOf(LockOutcome.Granted.class);
            c.messages().send(new SendRequest(alice, Address.parseList("bob,all"), Optional.empty(), "hi",
                    Importance.NORMAL, false, Optional.empty(), Optional.empty()));
            c.leases().unlock(new UnlockRequest(alice, List.of("src/a.py"), Optional.empty(), false, Optional.empty()));
            c.agents().heartbeat(alice, Optional.empty(), Optional.empty());
            assertThat(namedSince(from)).containsExactly(List.of(alice), List.of(alice, bob), List.of(alice),
                    List.of(alice));

            from = written.size();
            Task t = c.tasks().create(new NewTask(bob, "parse", Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of(), List.of(), Optional.empty(), List.of()));
            c.tasks().claim(bob, t.id(), false);
            c.tasks().done(bob, t.id(), Optional.empty(), Optional.empty());
            assertThat(namedSince(from)).containsOnly(List.of(bob)).hasSize(3);
        }
    }

    /** The agents each write since the {@code from}-th named (none: it named nobody). */
    private List<List<AgentId>> namedSince(int from) {
        return written.subList(from, written.size()).stream().map(ActingWork::agentsOf).toList();
    }

    private ForwardingStore recording(SqliteStore store) {
        return new ForwardingStore(store) {
            @Override
            public <T> T write(Function<Tx, T> work) {
                written.add(work);
                return super.write(work);
            }
        };
    }
}

package dev.huddle.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.lease.Waiter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link LeaseRows} waiters and fencing tokens. */
abstract class WaiterRowsContract extends StoreCase {

    @BeforeEach
    void agents() {
        register("alice", "bob", "carol");
    }

    private static Waiter waiter(String agent, long stamp, Instant aliveUntil) {
        return new Waiter(0, id(agent), List.of(Resource.fromText("src/**"), Resource.fromText("name:db")),
                LeaseMode.EXCLUSIVE, stamp, aliveUntil);
    }

    private long enqueue(Waiter w) {
        return write((Tx tx) -> tx.leases().enqueue(w));
    }

    @Test
    void enqueue_thenWaiters_everyFieldRoundTrips() {
        Waiter w = new Waiter(0, id("bob"), List.of(Resource.fromText("a/b.py"), Resource.fromText("*.md"),
                Resource.fromText("name:port-80")), LeaseMode.SHARED, 12, at(5));
        long id = enqueue(w);
        assertThat(id).isPositive();
        assertThat(read((Tx tx) -> tx.leases().waiters(at(1)))).containsExactly(
                new Waiter(id, w.agent(), w.resources(), w.mode(), w.stamp(), w.aliveUntil()));
    }

    @Test
    void waiters_whenSeveral_orderedByStampThenAgent() {
        enqueue(waiter("bob", 5, at(10)));
        enqueue(waiter("carol", 3, at(10)));
        enqueue(waiter("alice", 5, at(10)));
        assertThat(read((Tx tx) -> tx.leases().waiters(at(0)))).extracting(w -> w.agent().value() + "@" + w.stamp())
                .containsExactly("carol@3", "alice@5", "bob@5");
    }

    @Test
    void waiters_whenAliveUntilPassed_leftOut() {
        enqueue(waiter("alice", 1, at(5)));
        enqueue(waiter("bob", 2, at(6)));
        assertThat(read((Tx tx) -> tx.leases().waiters(at(5)))).extracting(w -> w.agent().value()).containsExactly("bob");
        assertThat(read((Tx tx) -> tx.leases().waiters(at(6)))).isEmpty();
    }

    @Test
    void enqueue_whenExistingId_refreshesInsteadOfAdding() {
        long id = enqueue(waiter("alice", 1, at(5)));
        Waiter w = waiter("alice", 1, at(20));
        long again = enqueue(new Waiter(id, w.agent(), w.resources(), w.mode(), w.stamp(), w.aliveUntil()));
        assertThat(again).isEqualTo(id);
        assertThat(read((Tx tx) -> tx.leases().waiters(at(10)))).singleElement()
                .satisfies(x -> assertThat(x.aliveUntil()).isEqualTo(at(20)));
    }

    @Test
    void dequeue_whenQueued_removesOnlyThatWaiter() {
        long a = enqueue(waiter("alice", 1, at(5)));
        long b = enqueue(waiter("bob", 2, at(5)));
        run(tx -> tx.leases().dequeue(a));
        assertThat(read((Tx tx) -> tx.leases().waiters(at(0)))).extracting(Waiter::id).containsExactly(b);
    }

    @Test
    void nextFencingToken_acrossTransactions_strictlyIncreasing() {
        long previous = 0;
        for (int i = 0; i < 20; i++) {
            long token = write((Tx tx) -> tx.nextFencingToken().value());
            assertThat(token).as("token %d", i).isGreaterThan(previous);
            previous = token;
        }
        List<Long> inOne = write((Tx tx) -> List.of(tx.nextFencingToken().value(), tx.nextFencingToken().value()));
        assertThat(inOne.get(1)).isGreaterThan(inOne.get(0)).isGreaterThan(previous);
    }

    /** A rolled-back grant may give its token again: tokens only increase among committed grants. */
    @Test
    void nextFencingToken_whenGrantRolledBack_committedGrantsStillIncreasing() {
        long first = grant("a", "alice", 0, 30).token().value();
        RuntimeException boom = new IllegalStateException("abort");
        assertThatThrownBy(() -> run(tx -> {
            withToken(lease("b", "bob", LeaseMode.EXCLUSIVE, at(0), at(30)), tx);
            throw boom;
        })).isSameAs(boom);
        store.rehearse((Tx tx) -> tx.leases().insert(withToken(lease("c", "carol", LeaseMode.EXCLUSIVE, at(0), at(30)), tx)));
        long second = grant("d", "bob", 0, 30).token().value();
        assertThat(second).isGreaterThan(first);
        assertThat(read((Tx tx) -> tx.leases().history(10))).extracting(l -> l.resource().text()).containsExactly("d", "a");
    }
}

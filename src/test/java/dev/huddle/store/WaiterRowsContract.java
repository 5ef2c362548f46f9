package dev.huddle.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.frontier.FrontierQuery;
import dev.huddle.core.frontier.FrontierWaiter;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.lease.Waiter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link LeaseRows} waiters, {@link FrontierWaiterRows} and fencing tokens. */
abstract class WaiterRowsContract extends StoreCase {

    @BeforeEach
    void agents() {
        register("alice", "bob", "carol");
    }

    private static Waiter waiter(String agent, Instant aliveUntil) {
        return new Waiter(0, id(agent), List.of(Resource.fromText("src/**"), Resource.fromText("name:db")),
                LeaseMode.EXCLUSIVE, aliveUntil);
    }

    private long enqueue(Waiter w) {
        return write((Tx tx) -> tx.leases().enqueue(w));
    }

    @Test
    void enqueue_thenWaiters_everyFieldRoundTrips() {
        Waiter w = new Waiter(0, id("bob"), List.of(Resource.fromText("a/b.py"), Resource.fromText("*.md"),
                Resource.fromText("name:port-80")), LeaseMode.SHARED, at(5));
        long id = enqueue(w);
        assertThat(id).isPositive();
        assertThat(read((Tx tx) -> tx.leases().waiters(at(1)))).containsExactly(
                new Waiter(id, w.agent(), w.resources(), w.mode(), w.aliveUntil()));
    }

    @Test
    void waiters_whenSeveral_inArrivalOrder_whateverTheirAgentsOrLifetimes() {
        enqueue(waiter("carol", at(30)));
        enqueue(waiter("bob", at(10)));
        enqueue(waiter("alice", at(20)));
        assertThat(read((Tx tx) -> tx.leases().waiters(at(0)))).extracting(w -> w.agent().value())
                .containsExactly("carol", "bob", "alice");
    }

    /** The line's order is the ids' order: an id is never handed out again, even after the newest waiter left. */
    @Test
    void enqueue_afterTheNewestWaiterLeft_newIdStillGreater() {
        long first = enqueue(waiter("alice", at(10)));
        long second = enqueue(waiter("bob", at(10)));
        run(tx -> tx.leases().dequeue(second));
        long third = enqueue(waiter("carol", at(10)));
        assertThat(third).isGreaterThan(second).isGreaterThan(first);
        assertThat(read((Tx tx) -> tx.leases().waiters(at(0)))).extracting(Waiter::id).containsExactly(first, third);
    }

    @Test
    void waiters_whenAliveUntilPassed_leftOut() {
        enqueue(waiter("alice", at(5)));
        enqueue(waiter("bob", at(6)));
        assertThat(read((Tx tx) -> tx.leases().waiters(at(5)))).extracting(w -> w.agent().value()).containsExactly("bob");
        assertThat(read((Tx tx) -> tx.leases().waiters(at(6)))).isEmpty();
    }

    @Test
    void enqueue_whenExistingId_refreshesInsteadOfAdding() {
        long id = enqueue(waiter("alice", at(5)));
        Waiter w = waiter("alice", at(20));
        long again = enqueue(new Waiter(id, w.agent(), w.resources(), w.mode(), w.aliveUntil()));
        assertThat(again).isEqualTo(id);
        assertThat(read((Tx tx) -> tx.leases().waiters(at(10)))).singleElement()
                .satisfies(x -> assertThat(x.aliveUntil()).isEqualTo(at(20)));
    }

    @Test
    void dequeue_whenQueued_removesOnlyThatWaiter() {
        long a = enqueue(waiter("alice", at(5)));
        long b = enqueue(waiter("bob", at(5)));
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

    @Test
    void frontierWaiters_enqueue_pendingUntilReleasedOrOver_thenFoundWithTheSafeMoment() {
        FrontierQuery byEpoch = new FrontierQuery(3, null, false);
        FrontierQuery byRound = new FrontierQuery(2, 7L, true);
        long a = write((Tx tx) -> tx.frontierWaiters().enqueue(byEpoch, at(0), at(10)));
        long b = write((Tx tx) -> tx.frontierWaiters().enqueue(byRound, at(0), at(5)));
        assertThat(b).isGreaterThan(a);
        assertThat(read((Tx tx) -> tx.frontierWaiters().pending(at(1)))).containsExactly(
                new FrontierWaiter(a, byEpoch, at(10), Optional.empty(), 0),
                new FrontierWaiter(b, byRound, at(5), Optional.empty(), 0));
        assertThat(read((Tx tx) -> tx.frontierWaiters().pending(at(5)))).extracting(FrontierWaiter::id).containsExactly(a);
        run(tx -> tx.frontierWaiters().release(a, at(2), 4));
        assertThat(read((Tx tx) -> tx.frontierWaiters().pending(at(3)))).extracting(FrontierWaiter::id).containsExactly(b);
        assertThat(read((Tx tx) -> tx.frontierWaiters().find(a))).contains(
                new FrontierWaiter(a, byEpoch, at(10), Optional.of(at(2)), 4));
    }

    @Test
    void frontierWaiters_enqueue_forgetsThoseWhoseTimeIsOver_removeForgetsOne() {
        long over = write((Tx tx) -> tx.frontierWaiters().enqueue(new FrontierQuery(0, null, false), at(0), at(1)));
        long kept = write((Tx tx) -> tx.frontierWaiters().enqueue(new FrontierQuery(0, null, false), at(0), at(9)));
        long late = write((Tx tx) -> tx.frontierWaiters().enqueue(new FrontierQuery(1, null, false), at(2), at(9)));
        assertThat(read((Tx tx) -> tx.frontierWaiters().find(over))).isEmpty();
        run(tx -> tx.frontierWaiters().remove(kept));
        assertThat(read((Tx tx) -> tx.frontierWaiters().pending(at(2)))).extracting(FrontierWaiter::id).containsExactly(late);
    }
}

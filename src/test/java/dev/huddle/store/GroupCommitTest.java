package dev.huddle.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.agent.Agent;
import dev.huddle.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GroupCommit} over real SQLite stores, one connection per writer as in the server: writes
 * that meet share a transaction, and each writer still gets exactly what its own write would have
 * given it.
 */
@Timeout(60)
class GroupCommitTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final GroupCommit group = new GroupCommit();
    private final List<Store> opened = Collections.synchronizedList(new ArrayList<>());
    /** The sizes of the batches run through {@link Store#writeEach}, by any member. */
    private final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean failNextBatch = new AtomicBoolean();

    @AfterEach
    void close() {
        opened.forEach(Store::close);
    }

    /** A member of the group over a store of its own on the test's file, counting the batches it leads. */
    private Store member() {
        return member(group);
    }

    /** {@link #member()} of {@code group}. */
    private Store member(GroupCommit group) {
        Store own = new ForwardingStore(new SqliteStore(dir.resolve("huddle.db"))) {
            @Override
            public List<Written> writeEach(List<? extends Function<Tx, ?>> works) {
                batches.add(works.size());
                if (failNextBatch.getAndSet(false)) {
                    throw new StoreException.Busy("store stayed busy (injected)", null);
                }
                return super.writeEach(works);
            }
        };
        opened.add(own);
        return group.member(own);
    }

    private static Function<Tx, String> register(String id) {
        return tx -> {
            tx.agents().insert(agent(id));
            return id;
        };
    }

    private static Agent agent(String id) {
        return StoreCase.agent(id);
    }

    private Set<String> agents() {
        Store reader = new SqliteStore(dir.resolve("huddle.db"));
        opened.add(reader);
        return reader.read(tx -> new TreeSet<>(tx.agents().all().stream().map(a -> a.id().value()).toList()));
    }

    /** One writer holds its transaction open until {@code release}; {@code n} more queue behind it. */
    private record Blocked(CompletableFuture<String> leader, CountDownLatch release, List<CompletableFuture<String>> queued) {}

    private Blocked blockedBehindLeader(List<Function<Tx, String>> works) throws InterruptedException {
        return blockedBehindLeader(group, works);
    }

    private Blocked blockedBehindLeader(GroupCommit group, List<Function<Tx, String>> works) throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Store leaderStore = member(group);
        CompletableFuture<String> leader = CompletableFuture.supplyAsync(() -> leaderStore.write(tx -> {
            tx.agents().insert(agent("leader"));
            inside.countDown();
            awaitQuietly(release);
            return "leader";
        }), command -> Thread.ofVirtual().start(command));
        assertThat(inside.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("leader inside its transaction").isTrue();
        List<CompletableFuture<String>> queued = new ArrayList<>();
        for (Function<Tx, String> work : works) {
            Store store = member(group);
            queued.add(CompletableFuture.supplyAsync(() -> store.write(work), command -> Thread.ofVirtual().start(command)));
        }
        awaitQueued(group, works.size());
        return new Blocked(leader, release, queued);
    }

    private void awaitQueued(int n) throws InterruptedException {
        awaitQueued(group, n);
    }

    private static void awaitQueued(GroupCommit group, int n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (group.queued() < n) {
            assertThat(System.nanoTime()).as("%d writers queued", n).isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Works that register agents w0, w1, … and return their ids. */
    private static List<Function<Tx, String>> registering(int n) {
        List<Function<Tx, String>> works = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            works.add(register("w" + i));
        }
        return works;
    }

    /** Each queued writer got its own work's result, w0, w1, … */
    private static void eachGotItsOwn(Blocked b) throws Exception {
        for (int i = 0; i < b.queued().size(); i++) {
            assertThat(b.queued().get(i).get(20, TimeUnit.SECONDS)).isEqualTo("w" + i);
        }
    }

    @Test
    void writersArrivingDuringACommit_shareTheNextTransaction_eachGettingItsOwnResult() throws Exception {
        Blocked b = blockedBehindLeader(registering(7));
        b.release().countDown();
        assertThat(b.leader().get(20, TimeUnit.SECONDS)).isEqualTo("leader");
        eachGotItsOwn(b);
        assertThat(batches).as("the leader wrote alone, the seven queued behind it in one transaction").containsExactly(7);
        assertThat(agents()).containsExactly("leader", "w0", "w1", "w2", "w3", "w4", "w5", "w6");
    }

    @Test
    void moreWritersQueuedThanABatchHolds_eachGetsItsOwnResult_inBatchesOfTheOldestFirst() throws Exception {
        int n = GroupCommit.MAX_BATCH + 5;
        Blocked b = blockedBehindLeader(registering(n));
        b.release().countDown();
        assertThat(b.leader().get(20, TimeUnit.SECONDS)).isEqualTo("leader");
        eachGotItsOwn(b);
        assertThat(batches).as("a full batch, then the rest").containsExactly(GroupCommit.MAX_BATCH, 5);
        assertThat(agents()).hasSize(n + 1);
    }

    @Test
    void onAPlatformThreadGroup_moreWritersQueuedThanABatchHolds_runInBatchesOfTheOldestFirst() throws Exception {
        int n = GroupCommit.MAX_BATCH + 5;
        Blocked b = blockedBehindLeader(GroupCommit.onPlatformThread(), registering(n));
        b.release().countDown();
        assertThat(b.leader().get(20, TimeUnit.SECONDS)).isEqualTo("leader");
        eachGotItsOwn(b);
        assertThat(batches).as("a full batch, then the rest").containsExactly(GroupCommit.MAX_BATCH, 5);
        assertThat(agents()).hasSize(n + 1);
    }

    @Test
    void aWriterArrivingBetweenBatches_withMoreThanABatchQueued_getsItsOwnResult() throws Exception {
        int n = GroupCommit.MAX_BATCH + 5;
        Blocked b = blockedBehindLeader(registering(n));
        Store late = member();
        // Written the moment the leader's batch ends, while the oldest queued writer wakes to lead the
        // next: it finds no batch under way, and waits for its turn behind a full batch.
        CompletableFuture<String> arriving = b.leader().thenApply(leader -> late.write(register("late")));
        b.release().countDown();
        assertThat(arriving.get(20, TimeUnit.SECONDS)).isEqualTo("late");
        eachGotItsOwn(b);
        assertThat(agents()).hasSize(n + 2);
    }

    @Test
    void aWorkThatThrows_getsItsOwnException_andOnlyItIsUndone() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        Blocked b = blockedBehindLeader(List.of(register("a"), tx -> {
            tx.agents().insert(agent("b"));
            throw boom;
        }, register("c")));
        b.release().countDown();
        assertThat(b.queued().get(0).get(20, TimeUnit.SECONDS)).isEqualTo("a");
        assertThatThrownBy(() -> b.queued().get(1).join()).hasCauseReference(boom);
        assertThat(b.queued().get(2).get(20, TimeUnit.SECONDS)).isEqualTo("c");
        assertThat(batches).containsExactly(3);
        assertThat(agents()).containsExactly("a", "c", "leader");
    }

    @Test
    void aFailureOfTheStore_failsEveryWorkOfTheBatch_andTheGroupGoesOn() throws Exception {
        Blocked b = blockedBehindLeader(List.of(register("a"), register("b")));
        failNextBatch.set(true);
        b.release().countDown();
        for (CompletableFuture<String> f : b.queued()) {
            assertThatThrownBy(f::join).hasCauseInstanceOf(StoreException.Busy.class);
        }
        assertThat(member().write(register("after"))).isEqualTo("after");
        assertThat(agents()).containsExactly("after", "leader");
    }

    @Test
    void aQueuedWriterInterrupted_stillWrites_andKeepsItsInterrupt() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Store leaderStore = member();
        Thread leader = Thread.ofVirtual().start(() -> leaderStore.write(tx -> {
            inside.countDown();
            awaitQuietly(release);
            return null;
        }));
        assertThat(inside.await(20, TimeUnit.SECONDS)).isTrue();
        Store store = member();
        CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            store.write(register("patient"));
            interruptedAfter.complete(Thread.currentThread().isInterrupted());
        });
        awaitQueued(1);
        waiter.interrupt();
        Thread.sleep(20);
        assertThat(interruptedAfter).as("an interrupt does not end the wait").isNotDone();
        release.countDown();
        assertThat(interruptedAfter.get(20, TimeUnit.SECONDS)).as("interrupt kept").isTrue();
        leader.join();
        assertThat(agents()).containsExactly("patient");
    }

    /** Whether a virtual writer's work ran on a virtual thread, and whether its interrupt was kept. */
    private record Ran(boolean onVirtualThread, boolean interruptKept) {}

    /**
     * A virtual writer leads a batch of one in {@code group} and is interrupted while its work
     * runs on another thread: the work is not cut short, and the interrupt is there after it.
     */
    private Ran interruptedVirtualLeader(GroupCommit group) throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Store own = new SqliteStore(dir.resolve("huddle.db"));
        opened.add(own);
        Store store = group.member(own);
        CompletableFuture<Boolean> ranVirtual = new CompletableFuture<>();
        CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
        Thread leader = Thread.ofVirtual().start(() -> {
            store.write(tx -> {
                ranVirtual.complete(Thread.currentThread().isVirtual());
                tx.agents().insert(agent("led"));
                inside.countDown();
                awaitQuietly(release);
                return null;
            });
            interruptedAfter.complete(Thread.currentThread().isInterrupted());
        });
        assertThat(inside.await(20, TimeUnit.SECONDS)).isTrue();
        leader.interrupt();
        Thread.sleep(20);
        assertThat(interruptedAfter).as("the interrupt does not cut the batch short").isNotDone();
        release.countDown();
        Ran ran = new Ran(ranVirtual.get(20, TimeUnit.SECONDS), interruptedAfter.get(20, TimeUnit.SECONDS));
        assertThat(agents()).containsExactly("led");
        return ran;
    }

    @Test
    void onAPlatformThreadGroup_aVirtualLeadersBatchRunsOnAPlatformThread_andItsInterruptIsKeptNotObeyed()
            throws Exception {
        assertThat(interruptedVirtualLeader(GroupCommit.onPlatformThread())).isEqualTo(new Ran(false, true));
    }

    @Test
    void inADefaultGroup_aVirtualLeadersBatchRunsOnItsOwnThread() throws Exception {
        Store own = new SqliteStore(dir.resolve("huddle.db"));
        opened.add(own);
        Store store = new GroupCommit().member(own);
        CompletableFuture<Boolean> ranVirtual = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> store.write(tx -> ranVirtual.complete(Thread.currentThread().isVirtual()))).join();
        assertThat(ranVirtual.get(20, TimeUnit.SECONDS)).as("no hand-off to another thread").isTrue();
    }

    /**
     * Forty writers (more than a batch holds), each a member with a connection of its own, write 12
     * times at random moments;
     * one work in ten throws. Each work returns how many of its writer's agents it sees: a writer's
     * works run in its own order and see its earlier ones, whatever batch they land in.
     */
    @Test
    void randomWritersInBatches_eachSeesItsOwnHistory_andExactlyTheWorksThatDidNotThrowAreKept() throws Exception {
        randomWriters(group);
    }

    @Test
    void onAPlatformThreadGroup_randomWritersInBatches_eachSeesItsOwnHistory_andExactlyTheWorksThatDidNotThrowAreKept()
            throws Exception {
        randomWriters(GroupCommit.onPlatformThread());
    }

    private void randomWriters(GroupCommit group) throws Exception {
        long seed = System.nanoTime();
        System.out.println("GroupCommitTest seed " + seed);
        // More writers than a batch holds: batches fill, and a writer may wait behind more than one.
        int writers = GroupCommit.MAX_BATCH + 8;
        int each = 12;
        Set<String> expected = Collections.synchronizedSet(new TreeSet<>());
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Random random = new Random(seed + w);
            Store store = member(group);
            String prefix = "t" + w + "-";
            done.add(CompletableFuture.runAsync(() -> {
                int kept = 0;
                for (int i = 0; i < each; i++) {
                    boolean throwing = random.nextInt(10) == 0;
                    String id = prefix + i;
                    Function<Tx, Long> work = tx -> {
                        tx.agents().insert(agent(id));
                        if (throwing) {
                            throw new IllegalArgumentException(id);
                        }
                        return tx.agents().all().stream().filter(a -> a.id().value().startsWith(prefix)).count();
                    };
                    if (throwing) {
                        assertThatThrownBy(() -> store.write(work)).isInstanceOf(IllegalArgumentException.class)
                                .hasMessage(id);
                    } else {
                        kept++;
                        assertThat(store.write(work)).as("seed %d, %s", seed, id).isEqualTo(kept);
                        expected.add(id);
                    }
                    if (random.nextBoolean()) {
                        Thread.yield();
                    }
                }
            }, command -> Thread.ofVirtual().start(command)));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(50, TimeUnit.SECONDS);
        assertThat(agents()).as("seed %d", seed).isEqualTo(expected);
        System.out.println("GroupCommitTest: " + batches.size() + " shared transactions, "
                + batches.stream().mapToInt(Integer::intValue).sum() + " of " + writers * each + " writes");
    }
}

package dev.huddle.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.app.Coordinator;
import dev.huddle.app.ErrorCode;
import dev.huddle.core.HuddleException;
import dev.huddle.store.StoreException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The server's store connections: bounded, one request each at a time, broken ones not handed out again. */
class CoordinatorPoolTest {

    private final List<Coordinator> made = new ArrayList<>();
    private final List<Coordinator> closed = new ArrayList<>();

    private synchronized Coordinator fake() {
        Coordinator[] self = new Coordinator[1];
        self[0] = (Coordinator) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Coordinator.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        synchronized (this) {
                            closed.add(self[0]);
                        }
                        return null;
                    }
                    return switch (method.getName()) {
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "fake";
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
        made.add(self[0]);
        return self[0];
    }

    @Test
    void neverMoreThanMax_andEachCoordinatorServesOneRequestAtATime() throws Exception {
        CoordinatorPool pool = new CoordinatorPool(this::fake, 3, Duration.ofSeconds(30));
        AtomicInteger inUse = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        java.util.Set<Coordinator> busy = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(12);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> all = new ArrayList<>();
        for (int k = 0; k < 60; k++) {
            all.add(threads.submit(() -> {
                go.await();
                return pool.with(c -> {
                    assertThat(busy.add(c)).as("a coordinator lent twice at once").isTrue();
                    most.accumulateAndGet(inUse.incrementAndGet(), Math::max);
                    Thread.onSpinWait();
                    inUse.decrementAndGet();
                    busy.remove(c);
                    return null;
                });
            }));
        }
        go.countDown();
        for (Future<?> f : all) {
            f.get(30, TimeUnit.SECONDS);
        }
        threads.shutdown();
        assertThat(most.get()).isBetween(1, 3);
        assertThat(made).hasSizeLessThanOrEqualTo(3);
        assertThat(pool.size()).isEqualTo(made.size());
    }

    @Test
    void allInUse_pastTheWait_isBusy() throws Exception {
        CoordinatorPool pool = new CoordinatorPool(this::fake, 1, Duration.ofMillis(50));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofVirtual().start(() -> pool.with(c -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        holding.await();
        assertThatThrownBy(() -> pool.with(c -> null)).isInstanceOfSatisfying(ApiError.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BUSY));
        release.countDown();
        holder.join();
        String served = pool.with(c -> "served");
        assertThat(served).isEqualTo("served");
    }

    @Test
    void aFailedStore_closesItsCoordinator_aRefusalKeepsIt() {
        CoordinatorPool pool = new CoordinatorPool(this::fake, 2, Duration.ofSeconds(1));
        assertThatThrownBy(() -> pool.with(c -> {
            throw HuddleException.invalid("bad input");
        })).isInstanceOf(HuddleException.class);
        assertThat(closed).isEmpty();
        Coordinator first = made.getFirst();
        assertThatThrownBy(() -> pool.with(c -> {
            throw new StoreException.Unavailable("disk gone", null);
        })).isInstanceOf(StoreException.class);
        assertThat(closed).containsExactly(first);
        Coordinator next = pool.with(c -> c);
        assertThat(next).isNotSameAs(first);
        pool.close();
        assertThat(closed).hasSize(2);
    }
}

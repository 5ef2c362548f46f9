package dev.huddle.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.Sighting;
import dev.huddle.core.lease.FencingToken;
import dev.huddle.core.lease.HeldLease;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.lease.Waiter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link LeaseRows}: grants, their end by release or expiry, and clean-up. */
abstract class LeaseRowsContract extends StoreCase {

    @BeforeEach
    void agents() {
        register("alice", "bob");
    }

    @Test
    void insert_whenEveryFieldSet_byTokenReturnsItWithId() {
        Lease asked = new Lease(0, Resource.fromText("name:port-3000"), id("bob"), LeaseMode.SHARED,
                new FencingToken(1), Optional.of("dev server"), Optional.of("T-12"), at(0).plusMillis(5), at(30),
                Optional.empty());
        Lease stored = write((Tx tx) -> tx.leases().insert(withToken(asked, tx)));
        assertThat(stored.id()).isPositive();
        assertThat(read((Tx tx) -> tx.leases().byToken(stored.token()))).contains(stored);
        assertThat(stored).usingRecursiveComparison().ignoringFields("id", "token").isEqualTo(asked);
    }

    @Test
    void grant_takesTheNextFencingToken_theCounterClaimsTakeFromToo_andStoresEveryField() {
        LeaseRows.Grant asked = new LeaseRows.Grant(Resource.fromText("src/a.py"), id("alice"), LeaseMode.SHARED,
                Optional.of("why"), Optional.of("T-3"), at(0).plusMillis(5), at(30));
        Lease first = write((Tx tx) -> tx.leases().grant(asked));
        FencingToken claimed = write((Tx tx) -> tx.nextFencingToken());
        List<Lease> twoInOne = write((Tx tx) -> List.of(tx.leases().grant(asked), tx.leases().grant(
                new LeaseRows.Grant(Resource.fromText("src/**"), id("bob"), LeaseMode.EXCLUSIVE, Optional.empty(),
                        Optional.empty(), at(1), at(20)))));
        FencingToken after = write((Tx tx) -> tx.nextFencingToken());
        assertThat(List.of(first.token().value(), claimed.value(), twoInOne.get(0).token().value(),
                twoInOne.get(1).token().value(), after.value()))
                .as("one counter, each token once, in order").containsExactly(first.token().value(),
                        first.token().value() + 1, first.token().value() + 2, first.token().value() + 3,
                        first.token().value() + 4);
        assertThat(first.id()).isPositive();
        assertThat(new LeaseRows.Grant(first.resource(), first.holder(), first.mode(), first.reason(), first.task(),
                first.grantedAt(), first.expiresAt())).isEqualTo(asked);
        assertThat(first.releasedAt()).isEmpty();
        for (Lease stored : List.of(first, twoInOne.get(0), twoInOne.get(1))) {
            assertThat(read((Tx tx) -> tx.leases().byToken(stored.token()))).contains(stored);
        }
    }

    @Test
    void surroundings_areTheExpiredUnnoticed_theLeasesNearOrAll_andTheWaiters_asReadOneByOne() {
        Lease near = grant("src/a.py", "bob", 0, 90);
        Lease pattern = grant("docs/*.md", "alice", 1, 90);
        grant("lib/x.rs", "alice", 2, 90);
        Lease expired = grant("old", "alice", 0, 3);
        Lease told = grant("older", "bob", 0, 2);
        Lease tooMany = grant("oldest", "bob", 0, 1);
        long waiting = write((Tx tx) -> tx.leases().enqueue(new Waiter(0, id("bob"), List.of(Resource.fromText("a")),
                LeaseMode.EXCLUSIVE, at(60))));
        write((Tx tx) -> tx.leases().enqueue(new Waiter(0, id("alice"), List.of(Resource.fromText("b")),
                LeaseMode.SHARED, at(4))));
        // Posted writes of the same transaction come first: the reads see them.
        LeaseRows.Surroundings around = write((Tx tx) -> {
            tx.leases().markNoticed(told.id(), at(5));
            return tx.leases().surroundings(at(5), 2, Optional.of(List.of("src/a.py")));
        });
        assertThat(around.expired()).containsExactly(tooMany, expired);
        assertThat(around.held()).extracting(HeldLease::lease).containsExactly(near, pattern);
        assertThat(around.waiters()).extracting(Waiter::id).containsExactly(waiting);
        assertThat(around).isEqualTo(read((Tx tx) -> new LeaseRows.Surroundings(tx.leases().expiredUnnoticed(at(5), 2),
                tx.leases().unexpiredHeldNear(at(5), List.of("src/a.py")), tx.leases().waiters(at(5)))));
        assertThat(read((Tx tx) -> tx.leases().surroundings(at(5), 2, Optional.empty())).held())
                .as("no texts at all: every lease").isEqualTo(read((Tx tx) -> tx.leases().unexpiredHeld(at(5))))
                .hasSize(3);
        assertThat(read((Tx tx) -> tx.leases().surroundings(at(5), 2, Optional.of(List.of()))).held())
                .as("no text: no lease is near").isEmpty();
    }

    @Test
    void insert_whenPathAndGlob_resourcesReadBackEqual() {
        Lease path = grant("src/a b/ü.py", "alice", 0, 30);
        Lease glob = grant("src/**/[ab]*.rs", "bob", 0, 30);
        assertThat(read((Tx tx) -> tx.leases().byToken(path.token())).orElseThrow().resource()).isEqualTo(path.resource());
        assertThat(read((Tx tx) -> tx.leases().byToken(glob.token())).orElseThrow().resource()).isEqualTo(glob.resource());
    }

    @Test
    void byToken_whenUnknown_empty() {
        grant("a", "alice", 0, 30);
        assertThat(read((Tx tx) -> tx.leases().byToken(new FencingToken(999)))).isEmpty();
    }

    @Test
    void unexpired_whenReleasedOrExpired_excludedAtTheGivenInstant() {
        Lease live = grant("live", "alice", 0, 30);
        Lease released = grant("released", "alice", 0, 30);
        Lease endsNow = grant("ends-now", "bob", 0, 10);
        Lease endsLater = grant("ends-later", "bob", 0, 11);
        run(tx -> tx.leases().release(released.id(), at(5), id("alice"), Optional.empty()));
        assertThat(read((Tx tx) -> tx.leases().unexpired(at(10)))).containsExactly(live, endsLater);
        assertThat(read((Tx tx) -> tx.leases().unexpired(at(9)))).extracting(l -> l.resource().text())
                .containsExactly("live", "ends-now", "ends-later");
        assertThat(read((Tx tx) -> tx.leases().unexpired(at(60)))).isEmpty();
        assertThat(endsNow.unexpiredAt(at(10))).as("agrees with Lease.unexpiredAt").isFalse();
    }

    @Test
    void unexpired_whenSeveral_oldestGrantFirst_whateverTheirExpiryOrder() {
        Lease first = grant("b", "bob", 0, 90);
        Lease second = grant("a", "alice", 1, 20);
        Lease third = grant("c", "alice", 2, 40);
        assertThat(read((Tx tx) -> tx.leases().unexpired(at(3)))).containsExactly(first, second, third);
    }

    @Test
    void unexpiredHeld_isUnexpiredWithEachHoldersSighting() {
        Lease longest = grant("a", "bob", 0, 90);
        Lease released = grant("gone", "bob", 0, 90);
        Lease shortest = grant("b", "alice", 1, 20);
        Lease expired = grant("old", "alice", 0, 2);
        run(tx -> tx.leases().release(released.id(), at(2), id("bob"), Optional.empty()));
        List<HeldLease> held = read((Tx tx) -> tx.leases().unexpiredHeld(at(3)));
        assertThat(held).extracting(HeldLease::lease).containsExactly(longest, shortest)
                .isEqualTo(read((Tx tx) -> tx.leases().unexpired(at(3))));
        assertThat(expired.unexpiredAt(at(3))).isFalse();
        List<Sighting> sightings = read((Tx tx) -> tx.agents().sightings());
        assertThat(held).extracting(HeldLease::holder).containsExactly(
                sightings.stream().filter(x -> x.id().equals(id("bob"))).findFirst().orElseThrow(),
                sightings.stream().filter(x -> x.id().equals(id("alice"))).findFirst().orElseThrow());
    }

    @Test
    void unexpiredHeldNear_isTheLeasesEqualAboveOrBelowTheTexts_andEveryPattern() {
        Lease file = grant("src/a.py", "bob", 0, 90);
        Lease dir = grant("src", "alice", 1, 90);
        Lease below = grant("src/a.py/x", "bob", 2, 90);
        Lease pattern = grant("docs/*.md", "alice", 3, 90);
        Lease bracket = grant("lib/[ab].rs", "alice", 3, 90);
        Lease name = grant("name:db", "bob", 4, 90);
        Lease sibling = grant("src/b.py", "bob", 5, 90);
        grant("srcx/a.py", "bob", 5, 90);
        grant("SRC/A.PY", "bob", 5, 90);
        Lease longer = grant("src/a.pyc", "bob", 5, 90);
        grant("src/a.py", "alice", 0, 2);
        assertThat(read((Tx tx) -> tx.leases().unexpiredHeldNear(at(4), List.of("src/a.py")))).extracting(HeldLease::lease)
                .containsExactly(file, dir, below, pattern, bracket);
        assertThat(read((Tx tx) -> tx.leases().unexpiredHeldNear(at(4), List.of("name:db", "src"))))
                .extracting(HeldLease::lease).containsExactly(file, dir, below, pattern, bracket, name, sibling, longer);
        assertThat(read((Tx tx) -> tx.leases().unexpiredHeldNear(at(4), List.of()))).isEmpty();
        assertThat(read((Tx tx) -> tx.leases().unexpiredHeldNear(at(4), List.of("src/a.py")))).extracting(HeldLease::holder)
                .allSatisfy(s -> assertThat(s.lastSeen()).isNotNull());
    }

    /**
     * The narrowing never drops a lease that intersects: for random leases and random wanted
     * paths or names, every unexpired lease that ResourceOverlap says intersects one of them is
     * among {@code unexpiredHeldNear}. Seeded; the seed is printed.
     */
    @Test
    void unexpiredHeldNear_neverMissesAnIntersectingLease_seeded() {
        long seed = Long.getLong("huddle.near.seed", System.nanoTime());
        System.out.println("LeaseRowsContract.unexpiredHeldNear seed=" + seed);
        java.util.Random random = new java.util.Random(seed);
        String[] parts = {"src", "a", "b.py", "a.py", "*", "*.py", "[ab]*", "?", "docs", "x"};
        java.util.function.Supplier<String> path = () -> {
            StringBuilder b = new StringBuilder();
            int depth = 1 + random.nextInt(3);
            for (int k = 0; k < depth; k++) {
                b.append(k == 0 ? "" : "/").append(parts[random.nextInt(parts.length)]);
            }
            return random.nextInt(10) == 0 ? "name:" + parts[random.nextInt(4)] : b.toString();
        };
        for (int i = 0; i < 60; i++) {
            grant(path.get(), i % 2 == 0 ? "alice" : "bob", 0, 90);
        }
        List<Lease> all = read((Tx tx) -> tx.leases().unexpired(at(1)));
        for (int round = 0; round < 200; round++) {
            List<String> wanted = new java.util.ArrayList<>();
            for (int k = 1 + random.nextInt(2); k > 0; k--) {
                String w = path.get();
                if (!(Resource.fromText(w) instanceof Resource.GlobResource)) {
                    wanted.add(w);
                }
            }
            List<Lease> near = read((Tx tx) -> tx.leases().unexpiredHeldNear(at(1), wanted)).stream()
                    .map(HeldLease::lease).toList();
            for (Lease l : all) {
                boolean meets = wanted.stream().anyMatch(w -> dev.huddle.core.lease.ResourceOverlap.intersects(
                        Resource.fromText(w), l.resource()));
                if (meets) {
                    assertThat(near).as("seed %d: %s meets %s", seed, l.resource().text(), wanted).contains(l);
                }
            }
        }
    }

    @Test
    void unexpiredOn_isUnexpiredOnExactlyTheNamedResources() {
        Lease a = grant("src/a.py", "bob", 0, 90);
        Lease dir = grant("name:db", "alice", 1, 90);
        Lease b = grant("src/b.py", "alice", 2, 90);
        Lease againA = grant("src/a.py", "alice", 3, 90);
        Lease released = grant("src/c.py", "bob", 0, 90);
        grant("src/d.py", "bob", 0, 2);
        run(tx -> tx.leases().release(released.id(), at(2), id("bob"), Optional.empty()));
        List<Resource> named = List.of(Resource.fromText("src/b.py"), Resource.fromText("src/a.py"),
                Resource.fromText("src/c.py"), Resource.fromText("src/d.py"), Resource.fromText("src/x.py"));
        assertThat(read((Tx tx) -> tx.leases().unexpiredOn(at(4), named))).containsExactly(a, b, againA);
        assertThat(read((Tx tx) -> tx.leases().unexpiredOn(at(4), List.of(Resource.fromText("name:db")))))
                .containsExactly(dir);
        assertThat(read((Tx tx) -> tx.leases().unexpiredOn(at(4), List.of()))).isEmpty();
    }

    @Test
    void historyOfAHolder_countsOnlyTheirLeasesTowardTheLimit() {
        Lease old = grant("a", "alice", 0, 1);
        Lease mine = grant("b", "alice", 1, 30);
        for (int i = 0; i < 5; i++) {
            grant("other-" + i, "bob", 2 + i, 30);
        }
        assertThat(read((Tx tx) -> tx.leases().history(2, id("alice")))).containsExactly(mine, old);
        assertThat(read((Tx tx) -> tx.leases().history(1, id("alice")))).containsExactly(mine);
        assertThat(read((Tx tx) -> tx.leases().history(3))).extracting(l -> l.holder().value())
                .containsOnly("bob");
    }

    @Test
    void history_whenReleasedAndExpired_includedMostRecentFirstUpToLimit() {
        Lease a = grant("a", "alice", 0, 1);
        Lease b = grant("b", "alice", 0, 30);
        Lease c = grant("c", "bob", 0, 30);
        run(tx -> tx.leases().release(b.id(), at(2), id("alice"), Optional.of("done")));
        assertThat(read((Tx tx) -> tx.leases().history(10))).extracting(Lease::id).containsExactly(c.id(), b.id(), a.id());
        assertThat(read((Tx tx) -> tx.leases().history(2))).extracting(Lease::id).containsExactly(c.id(), b.id());
    }

    @Test
    void extend_whenGiven_replacesExpiryModeAndGivenTexts() {
        Lease l = write((Tx tx) -> tx.leases().insert(withToken(new Lease(0, Resource.fromText("a"), id("alice"),
                LeaseMode.EXCLUSIVE, null, Optional.of("why"), Optional.of("T-1"), at(0), at(30), Optional.empty()), tx)));
        run(tx -> tx.leases().extend(l.id(), at(90), LeaseMode.SHARED, Optional.empty(), Optional.of("T-2")));
        Lease after = read((Tx tx) -> tx.leases().byToken(l.token())).orElseThrow();
        assertThat(after.expiresAt()).isEqualTo(at(90));
        assertThat(after.mode()).isEqualTo(LeaseMode.SHARED);
        assertThat(after.reason()).as("empty keeps the reason").contains("why");
        assertThat(after.task()).contains("T-2");
        assertThat(after.token()).as("renewal keeps the token").isEqualTo(l.token());
        assertThat(read((Tx tx) -> tx.leases().unexpired(at(60)))).containsExactly(after);
    }

    @Test
    void release_whenLive_endsItAndRecordsTime() {
        Lease l = grant("a", "alice", 0, 30);
        Lease other = grant("b", "alice", 0, 30);
        run(tx -> tx.leases().release(l.id(), at(3), id("bob"), Optional.of("forced")));
        assertThat(read((Tx tx) -> tx.leases().byToken(l.token())).orElseThrow().releasedAt()).contains(at(3));
        assertThat(read((Tx tx) -> tx.leases().unexpired(at(4)))).containsExactly(other);
    }

    @Test
    void purgeEndedBefore_whenMixed_deletesOnlyThoseEndedBeforeCutoff() {
        Lease releasedEarly = grant("r1", "alice", 0, 300);
        Lease releasedLate = grant("r2", "alice", 0, 300);
        grant("expired-early", "bob", 0, 5);
        Lease expiredLate = grant("expired-late", "bob", 0, 20);
        Lease live = grant("live", "bob", 0, 300);
        run(tx -> {
            tx.leases().release(releasedEarly.id(), at(1), id("alice"), Optional.empty());
            tx.leases().release(releasedLate.id(), at(15), id("alice"), Optional.empty());
        });
        assertThat(write((Tx tx) -> tx.leases().purgeEndedBefore(at(10)))).isEqualTo(2);
        assertThat(read((Tx tx) -> tx.leases().history(10))).extracting(Lease::id)
                .containsExactlyInAnyOrder(releasedLate.id(), expiredLate.id(), live.id());
        assertThat(write((Tx tx) -> tx.leases().purgeEndedBefore(at(10)))).as("nothing left to purge").isZero();
    }

    /**
     * Which leases expired unnoticed is asked by nearly every lock and unlock, and a batch may answer
     * it without reading (SqlLeaseRows): in a batch of random works — asks at moving instants, by
     * each of the three reads, with limits of 1, 2 or 32; grants and renewals that end soon; leases
     * told of and released; works that then fail — each work gets exactly what it gets written alone,
     * and the same leases are left unnoticed (seeded; the seed is printed).
     */
    /**
     * In a batch, a read that finds no lease expired unnoticed answers the works after it until the
     * next lease expires — and no longer when this transaction gives a lease that ends sooner,
     * renews one to end sooner, or undoes a work that told of one.
     */
    @Test
    void expiredUnnoticed_inABatch_isAnsweredAsReadOnlyWhileNoLeaseCanHaveExpired() {
        grant("a", "alice", 0, 2);
        Lease b = grant("b", "alice", 0, 30);
        List<Written> outcomes = store.writeEach(List.<Function<Tx, ?>>of(
                tx -> {
                    List<Lease> told = tx.leases().expiredUnnoticed(at(3), 32);
                    told.forEach(l -> tx.leases().markNoticed(l.id(), at(3)));
                    return List.of(resources(told), resources(tx.leases().expiredUnnoticed(at(3), 32)));
                },
                tx -> {
                    tx.leases().grant(new LeaseRows.Grant(Resource.fromText("c"), id("bob"), LeaseMode.SHARED,
                            Optional.empty(), Optional.empty(), at(4), at(5)));
                    return resources(tx.leases().expiredUnnoticed(at(4), 32));
                },
                tx -> resources(tx.leases().expiredUnnoticed(at(6), 32)),
                tx -> {
                    tx.leases().expiredUnnoticed(at(6), 32).forEach(l -> tx.leases().markNoticed(l.id(), at(6)));
                    List<String> none = resources(tx.leases().surroundings(at(6), 32, Optional.empty()).expired());
                    tx.leases().extend(b.id(), at(7), LeaseMode.EXCLUSIVE, Optional.empty(), Optional.empty());
                    return none;
                },
                tx -> resources(tx.leases().expiredUnnoticedAhead(at(8), 32).get()),
                tx -> {
                    tx.leases().expiredUnnoticed(at(8), 32).forEach(l -> tx.leases().markNoticed(l.id(), at(8)));
                    throw new IllegalStateException("told of b, then failed: " + tx.leases().expiredUnnoticed(at(8), 32));
                },
                tx -> resources(tx.leases().expiredUnnoticed(at(8), 1))));
        assertThat(outcomes.get(0).get()).as("a told of, then none").isEqualTo(List.of(List.of("a"), List.of()));
        assertThat(outcomes.get(1).get()).isEqualTo(List.of());
        assertThat(outcomes.get(2).get()).as("the lease given in the batch, expired").isEqualTo(List.of("c"));
        assertThat(outcomes.get(3).get()).isEqualTo(List.of());
        assertThat(outcomes.get(4).get()).as("the lease renewed in the batch to end sooner, expired").isEqualTo(List.of("b"));
        assertThat(outcomes.get(5).failure()).hasMessage("told of b, then failed: []");
        assertThat(outcomes.get(6).get()).as("the work that told of b was undone").isEqualTo(List.of("b"));
    }

    /** When the leases each round starts with expire, in minutes (their ids are 1, 2, …). */
    private static final int[] SET_ENDS = {2, 6, 9, 13, 40};

    @Test
    void expiredUnnoticed_inBatchesOfRandomWorks_isWhatEachWorkReadsAlone() throws Exception {
        long seed = System.nanoTime();
        System.out.println("LeaseRowsContract.expiredUnnoticed_inBatchesOfRandomWorks seed=" + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 8; round++) {
            List<Function<Tx, ?>> works = new ArrayList<>();
            for (int w = 0; w < 16; w++) {
                Instant now = at(w).plusSeconds(random.nextInt(60));
                List<Integer> steps = random.ints(1 + random.nextInt(5), 0, 100).boxed().toList();
                String name = "w" + w;
                works.add(tx -> sweepSteps(tx, name, now, steps));
            }
            int r = round;
            batchedAndAlone(round, tx -> {
                tx.agents().insert(agent("alice"));
                for (int i = 0; i < SET_ENDS.length; i++) {
                    tx.leases().insert(withToken(lease("set/" + i, "alice", LeaseMode.EXCLUSIVE, at(0), at(SET_ENDS[i])), tx));
                }
            }, works, both -> {
                for (int w = 0; w < works.size(); w++) {
                    assertThat(text(both.inBatch().get(w))).as("seed %d, round %d, work %d", seed, r, w)
                            .isEqualTo(text(both.eachAlone().get(w)));
                }
                assertThat(unnoticedAtTheEnd(both.batched())).as("seed %d, round %d", seed, r)
                        .isEqualTo(unnoticedAtTheEnd(both.alone()));
            });
        }
    }

    /**
     * Steps drawn from 0–99 at {@code now}: one of the three asks, a grant or a renewal that ends
     * soon, telling of every lease expired (so that quiet spells follow, which a batch may answer
     * from what it learned), a release, a failure.
     */
    private static Object sweepSteps(Tx tx, String name, Instant now, List<Integer> steps) {
        List<Object> seen = new ArrayList<>();
        int limit = List.of(1, 2, 32).get(Math.floorMod(name.hashCode() + steps.size(), 3));
        for (int i = 0; i < steps.size(); i++) {
            int step = steps.get(i);
            if (step < 18) {
                seen.add(resources(tx.leases().expiredUnnoticed(now, limit)));
            } else if (step < 28) {
                seen.add(resources(tx.leases().expiredUnnoticedAhead(now, limit).get()));
            } else if (step < 38) {
                seen.add(resources(tx.leases().surroundings(now, limit, Optional.of(List.of("set/0"))).expired()));
            } else if (step < 50) {
                tx.leases().grant(new LeaseRows.Grant(Resource.fromText(name + "/" + i), id("alice"), LeaseMode.SHARED,
                        Optional.empty(), Optional.empty(), now, now.plusSeconds(30 + 60L * (step % 3))));
            } else if (step < 60) {
                tx.leases().extend(1 + step % SET_ENDS.length, now.plusSeconds(20 + 40L * (step % 4)),
                        LeaseMode.EXCLUSIVE, Optional.empty(), Optional.empty());
            } else if (step < 80) {
                tx.leases().expiredUnnoticed(now, 32).forEach(l -> tx.leases().markNoticed(l.id(), now));
            } else if (step < 88) {
                tx.leases().release(1 + step % SET_ENDS.length, now, id("alice"), Optional.empty());
            } else {
                throw new IllegalStateException(name + " failed at step " + i);
            }
        }
        return seen;
    }

    /** Resources the random lease-read works name, read and write: files, a directory above them, a pattern, a name. */
    private static final List<String> POOL = List.of("src/a.py", "src/b.py", "src", "src/*.py", "docs/x", "name:db");

    /**
     * A batch's works may name the lease reads they will make ({@link LeaseReads}), which a batch
     * then reads ahead once: in batches of random works — naming what they read, something else,
     * or nothing, from an instant before, at or after the one they read at; reading the leases near
     * some paths (alone and in their surroundings), on some resources, the waiters; between grants,
     * renewals, releases, waiters coming and going, holders seen again, leases told of, purges and
     * failures — each work reads exactly what it reads written alone, and the stores end the same
     * (seeded; the seed is printed).
     */
    @Test
    void leaseReads_namedAhead_inBatchesOfRandomWorks_areWhatEachWorkReadsAlone() throws Exception {
        long seed = System.nanoTime();
        System.out.println("LeaseRowsContract.leaseReads_namedAhead seed=" + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 24; round++) {
            List<Function<Tx, ?>> works = new ArrayList<>();
            for (int w = 0; w < 4 + random.nextInt(20); w++) {
                Instant now = at(10).plusSeconds(random.nextInt(600));
                Instant from = now.minusSeconds(random.nextInt(4) == 0 ? -5 : random.nextInt(300));
                List<String> near = randomTexts(random, false);
                List<Resource> on = randomTexts(random, true).stream().map(Resource::fromText).toList();
                LeaseReads named = switch (random.nextInt(5)) {
                    case 0 -> LeaseReads.NONE;
                    case 1 -> LeaseReads.near(from, randomTexts(random, false));
                    case 2 -> LeaseReads.on(from, on);
                    default -> LeaseReads.near(from, near);
                };
                List<Integer> steps = random.ints(1 + random.nextInt(6), 0, 100).boxed().toList();
                String name = "w" + w;
                works.add(new ActingWork<>(List.of(id("alice")), named, tx -> leaseSteps(tx, name, now, near, on, steps)));
            }
            int r = round;
            batchedAndAlone(round, tx -> {
                for (String a : List.of("alice", "bob", "carol")) {
                    tx.agents().insert(agent(a));
                }
                for (int i = 0; i < POOL.size(); i++) {
                    tx.leases().insert(withToken(lease(POOL.get(i), List.of("alice", "bob", "carol").get(i % 3),
                            LeaseMode.EXCLUSIVE, at(0), at(10).plusSeconds(100L * i)), tx));
                }
                tx.leases().enqueue(new Waiter(0, id("bob"), List.of(Resource.fromText("src/a.py")), LeaseMode.EXCLUSIVE,
                        at(14)));
            }, works, both -> {
                for (int w = 0; w < works.size(); w++) {
                    assertThat(text(both.inBatch().get(w))).as("seed %d, round %d, work %d", seed, r, w)
                            .isEqualTo(text(both.eachAlone().get(w)));
                }
                assertThat(everyLease(both.batched())).as("seed %d, round %d", seed, r)
                        .isEqualTo(everyLease(both.alone()));
            });
        }
    }

    private static List<String> randomTexts(Random random, boolean resources) {
        List<String> texts = new ArrayList<>();
        for (int k = 1 + random.nextInt(2); k > 0; k--) {
            String t = POOL.get(random.nextInt(POOL.size()));
            if (!texts.contains(t) && (resources || !(Resource.fromText(t) instanceof Resource.GlobResource))) {
                texts.add(t);
            }
        }
        return texts.isEmpty() ? List.of("src/a.py") : texts;
    }

    /** Steps drawn from 0–99 at {@code now}: a read of the named kinds, or a write that may change one, or a failure. */
    private static Object leaseSteps(Tx tx, String name, Instant now, List<String> near, List<Resource> on,
                                     List<Integer> steps) {
        List<Object> seen = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            int step = steps.get(i);
            Resource some = Resource.fromText(POOL.get(step % POOL.size()));
            if (step < 14) {
                LeaseRows.Surroundings around = tx.leases().surroundings(now, 32, Optional.of(near));
                seen.add(List.of(held(around.held()), resources(around.expired()), waiters(around.waiters())));
            } else if (step < 24) {
                seen.add(held(tx.leases().unexpiredHeldNear(now, near)));
            } else if (step < 36) {
                seen.add(shown(tx.leases().unexpiredOn(now, on)));
            } else if (step < 42) {
                seen.add(waiters(tx.leases().waiters(now)));
            } else if (step < 54) {
                tx.leases().grant(new LeaseRows.Grant(some, id(List.of("alice", "bob").get(step % 2)), LeaseMode.SHARED,
                        Optional.empty(), Optional.empty(), now, now.plusSeconds(30 + 60L * (step % 3))));
            } else if (step < 66) {
                // Mostly a lease the work has read, as the use cases renew and release; now and then one it has not.
                long leaseId = step % 6 == 0 ? 1 + step % POOL.size() : tx.leases()
                        .unexpiredOn(now, POOL.stream().map(Resource::fromText).toList()).stream()
                        .map(Lease::id).skip(step % 3).findFirst().orElse(1L);
                if (step < 60) {
                    tx.leases().extend(leaseId, now.plusSeconds(20 + 40L * (step % 4)), LeaseMode.EXCLUSIVE,
                            Optional.empty(), Optional.empty());
                } else {
                    tx.leases().release(leaseId, now, id("alice"), Optional.empty());
                }
            } else if (step < 72) {
                Agent a = tx.agents().find(id(List.of("alice", "bob", "carol").get(step % 3))).orElseThrow();
                tx.agents().update(new Agent(a.id(), a.profile(), a.registeredAt(), now, step % 2 == 0
                        ? Optional.of(now) : Optional.empty(), a.clock(), a.at()));
            } else if (step < 78) {
                tx.leases().expiredUnnoticed(now, 32).forEach(l -> tx.leases().markNoticed(l.id(), now));
            } else if (step < 84) {
                tx.leases().enqueue(new Waiter(0, id("carol"), List.of(some), LeaseMode.SHARED, now.plusSeconds(30)));
            } else if (step < 88) {
                tx.leases().waiters(now).stream().findFirst().ifPresent(wt -> tx.leases().dequeue(wt.id()));
            } else if (step < 89) {
                tx.leases().purgeEndedBefore(now.minusSeconds(60));
            } else if (step < 98) {
                tx.leases().insert(new Lease(0, some, id("carol"), LeaseMode.EXCLUSIVE, tx.nextFencingToken(),
                        Optional.empty(), Optional.empty(), now, now.plusSeconds(90), Optional.empty()));
            } else {
                throw new IllegalStateException(name + " failed at step " + i);
            }
        }
        return seen;
    }

    /** Leases as the seeded tests compare them: without their ids, which a failed work may use up on one store only. */
    private static List<String> shown(List<Lease> leases) {
        return leases.stream().map(l -> l.resource().text() + " " + l.holder().value() + " " + l.mode().label() + " "
                + l.token().value() + " " + l.expiresAt() + " " + l.releasedAt()).toList();
    }

    private static List<String> held(List<HeldLease> held) {
        return held.stream().map(h -> shown(List.of(h.lease())).getFirst() + " seen " + h.holder().lastSeen() + " "
                + h.holder().leftAt()).toList();
    }

    private static List<String> waiters(List<Waiter> waiters) {
        // Not their ids, which a failed work may use up on one store only.
        return waiters.stream().map(w -> w.agent().value() + " " + w.resources() + " " + w.mode().label()
                + " " + w.aliveUntil()).toList();
    }

    private static List<String> everyLease(Store s) {
        return s.read((Tx tx) -> shown(tx.leases().history(1_000)));
    }

    private static String text(Written w) {
        return w.failure() == null ? "done " + w.get() : "failed " + w.failure().getMessage();
    }

    private static List<String> resources(List<Lease> leases) {
        return leases.stream().map(l -> l.resource().text()).toList();
    }

    private static List<String> unnoticedAtTheEnd(Store s) {
        return s.write((Tx tx) -> resources(tx.leases().expiredUnnoticed(at(100), Integer.MAX_VALUE)));
    }
}

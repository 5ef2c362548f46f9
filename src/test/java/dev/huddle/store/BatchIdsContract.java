package dev.huddle.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.message.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Fencing tokens, lease ids and message ids taken in a batch of writes ({@link Store#writeEach}),
 * which on PostgreSQL the batch hands out itself rather than asking the server for each: a work
 * gets the tokens it gets written alone (the counter is the claims' and the leases' both), the
 * ids it is told are the ids its rows are stored under, and what is written after the batch
 * continues where it ended.
 */
abstract class BatchIdsContract extends StoreCase {

    /** What a work was told of each thing it took, in order: "g" grant, "c" claim, "i" insert, "m" message. */
    private record Took(String kind, long id, long token, String name) {}

    @Test
    void tokensAndIds_inBatchesOfRandomWorks_areWhatTheWorksAreToldAndTheRowsHold() throws Exception {
        long seed = System.nanoTime();
        System.out.println("BatchIdsContract.tokensAndIds_inBatchesOfRandomWorks seed=" + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 6; round++) {
            boolean messagedBefore = round % 2 == 0; // else the message sequence has handed out nothing yet
            List<Function<Tx, ?>> works = new ArrayList<>();
            for (int w = 0; w < 16; w++) {
                List<Integer> steps = random.ints(1 + random.nextInt(4), 0, 100).boxed().toList();
                String name = "r" + round + "w" + w;
                works.add(tx -> takeSteps(tx, name, steps));
            }
            int r = round;
            batchedAndAlone(round, tx -> {
                tx.agents().insert(agent("alice"));
                tx.agents().insert(agent("bob"));
                tx.leases().insert(withToken(lease("set/0", "alice", LeaseMode.EXCLUSIVE, at(0), at(30)), tx));
                if (messagedBefore) {
                    tx.messages().insert(message("alice", null, "before", null), List.of(id("bob")));
                }
            }, works, both -> {
                List<Took> told = new ArrayList<>();
                for (int w = 0; w < works.size(); w++) {
                    Written got = both.inBatch().get(w);
                    assertThat(tokens(got)).as("seed %d, round %d, work %d", seed, r, w).isEqualTo(tokens(both.eachAlone().get(w)));
                    if (got.failure() == null) {
                        told.addAll(took(got.get()));
                    }
                }
                String as = "seed " + seed + ", round " + r;
                assertHeld(both.batched(), told, as);
                // Written alone after the batch: the next token, and ids after every id handed out.
                Function<Tx, ?> next = tx -> takeSteps(tx, "after", List.of(10, 50, 40));
                List<Took> after = took(both.batched().write(next));
                assertThat(tokens(Written.done(after))).as("%s: tokens after the batch", as)
                        .isEqualTo(tokens(Written.done(both.alone().write(next))));
                assertThat(after.get(0).token()).as(as).isGreaterThan(maxToken(told));
                assertThat(after.get(0).id()).as(as).isGreaterThan(maxId(told, "g", "i"));
                assertThat(after.get(1).id()).as(as).isGreaterThan(maxId(told, "m"));
                assertHeld(both.batched(), after, as + ", after");
            });
        }
    }

    /**
     * Steps drawn from 0–99: a grant, a claim's token, a message, a lease inserted with a token of
     * its own taking, a failure (which undoes the work, and what it took).
     */
    private static List<Took> takeSteps(Tx tx, String name, List<Integer> steps) {
        List<Took> took = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            int step = steps.get(i);
            String thing = name + "/" + i;
            if (step < 30) {
                Lease l = tx.leases().grant(new LeaseRows.Grant(Resource.fromText(thing), id("alice"), LeaseMode.SHARED,
                        Optional.empty(), Optional.empty(), at(1), at(60)));
                took.add(new Took("g", l.id(), l.token().value(), thing));
            } else if (step < 45) {
                took.add(new Took("c", 0, tx.nextFencingToken().value(), thing));
            } else if (step < 75) {
                Message m = tx.messages().insert(message("alice", null, thing, null), List.of(id("bob")));
                took.add(new Took("m", m.id(), 0, thing));
            } else if (step < 88) {
                Lease l = tx.leases().insert(withToken(lease(thing, "bob", LeaseMode.EXCLUSIVE, at(1), at(60)), tx));
                took.add(new Took("i", l.id(), l.token().value(), thing));
            } else {
                throw new IllegalStateException(name + " failed at step " + i + " after " + took.size());
            }
        }
        return took;
    }

    @SuppressWarnings("unchecked")
    private static List<Took> took(Object outcome) {
        return (List<Took>) outcome;
    }

    /**
     * What a work came to, with the tokens it took in order and a place for each message (whose ids
     * may differ by where a sequence's gaps fell), or the failure's message.
     */
    private static String tokens(Written w) {
        return w.failure() != null ? "failed " + w.failure().getMessage()
                : "done " + took(w.get()).stream().map(t -> t.kind().equals("m") ? 0L : t.token()).toList();
    }

    /** Each lease and message a work was told of is stored under that id, with that token; ids and tokens never repeat. */
    private static void assertHeld(Store store, List<Took> told, String as) {
        Map<Long, Lease> leases = new HashMap<>();
        store.read((Tx tx) -> tx.leases().history(10_000)).forEach(l -> leases.put(l.id(), l));
        for (Took t : told) {
            switch (t.kind()) {
                case "g", "i" -> {
                    Lease l = leases.get(t.id());
                    assertThat(l).as("%s: lease %s", as, t).isNotNull();
                    assertThat(l.resource().text()).as("%s: lease %s", as, t).isEqualTo(t.name());
                    assertThat(l.token().value()).as("%s: lease %s", as, t).isEqualTo(t.token());
                }
                case "m" -> assertThat(store.read((Tx tx) -> tx.messages().find(t.id())).map(Message::body))
                        .as("%s: message %s", as, t).contains(t.name());
                default -> { }
            }
        }
        List<Long> tokens = told.stream().map(Took::token).filter(v -> v > 0).toList();
        assertThat(tokens).as("%s: tokens in the order taken", as).isSorted().doesNotHaveDuplicates();
        assertThat(told.stream().filter(t -> !t.kind().equals("c") && !t.kind().equals("m")).map(Took::id).toList())
                .as("%s: lease ids in the order taken", as).isSorted().doesNotHaveDuplicates();
        assertThat(told.stream().filter(t -> t.kind().equals("m")).map(Took::id).toList())
                .as("%s: message ids in the order taken", as).isSorted().doesNotHaveDuplicates();
    }

    private static long maxToken(List<Took> told) {
        return told.stream().mapToLong(Took::token).max().orElse(0);
    }

    private static long maxId(List<Took> told, String... kinds) {
        List<String> of = List.of(kinds);
        return told.stream().filter(t -> of.contains(t.kind())).mapToLong(Took::id).max().orElse(0);
    }
}

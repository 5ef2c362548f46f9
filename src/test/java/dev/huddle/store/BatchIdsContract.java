package dev.huddle.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.message.Message;
import java.nio.file.Files;
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
            try (Store batched = newStore(Files.createDirectories(dir.resolve("batched-" + round)));
                 Store alone = newStore(Files.createDirectories(dir.resolve("alone-" + round)))) {
                for (Store each : List.of(batched, alone)) {
                    each.write((Tx tx) -> {
                        tx.agents().insert(agent("alice"));
                        tx.agents().insert(agent("bob"));
                        tx.leases().insert(withToken(lease("set/0", "alice", LeaseMode.EXCLUSIVE, at(0), at(30)), tx));
                        if (messagedBefore) {
                            tx.messages().insert(message("alice", null, "before", null), List.of(id("bob")));
                        }
                        return null;
                    });
                }
                List<Written> batch = batched.writeEach(works);
                List<Took> told = new ArrayList<>();
                for (int w = 0; w < works.size(); w++) {
                    Written got = batch.get(w);
                    String expected;
                    try {
                        expected = "done " + tokens(alone.write(works.get(w)));
                    } catch (RuntimeException e) {
                        expected = "failed " + e.getMessage();
                    }
                    assertThat(got.failure() == null ? "done " + tokens(got.get()) : "failed " + got.failure().getMessage())
                            .as("seed %d, round %d, work %d", seed, round, w).isEqualTo(expected);
                    if (got.failure() == null) {
                        told.addAll(took(got.get()));
                    }
                }
                assertHeld(batched, told, "seed " + seed + ", round " + round);
                // Written alone after the batch: the next token, and ids after every id handed out.
                List<Took> after = took(batched.write((Tx tx) -> takeSteps(tx, "after", List.of(10, 50, 40))));
                assertThat(tokens(after)).as("seed %d, round %d: tokens after the batch", seed, round)
                        .isEqualTo(tokens(alone.write((Tx tx) -> takeSteps(tx, "after", List.of(10, 50, 40)))));
                assertThat(after.get(0).token()).isGreaterThan(maxToken(told));
                assertThat(after.get(0).id()).isGreaterThan(maxId(told, "g", "i"));
                assertThat(after.get(1).id()).isGreaterThan(maxId(told, "m"));
                assertHeld(batched, after, "seed " + seed + ", round " + round + ", after");
            }
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

    /** The tokens a work took, in order, with a place for each message (whose ids may differ by where gaps fell). */
    private static List<Long> tokens(Object outcome) {
        return took(outcome).stream().map(t -> t.kind().equals("m") ? 0L : t.token()).toList();
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

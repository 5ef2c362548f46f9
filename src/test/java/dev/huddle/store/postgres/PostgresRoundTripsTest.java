package dev.huddle.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.event.Event;
import dev.huddle.core.frontier.Pointstamp;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.message.Importance;
import dev.huddle.core.message.Message;
import dev.huddle.store.ActingWork;
import dev.huddle.store.EventRows;
import dev.huddle.store.LeaseReads;
import dev.huddle.store.LeaseRows;
import dev.huddle.store.Tx;
import dev.huddle.store.Written;
import dev.huddle.testing.PostgresDatabases;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How many messages (round trips) a write sends: under the writers' lock each one is time every
 * other writer waits, so what reads ahead must really go with something else.
 */
class PostgresRoundTripsTest {

    @RegisterExtension
    static final PostgresDatabases databases = PostgresDatabases.perClass();

    private static final Instant T0 = Instant.parse("2026-12-06T09:00:00Z");
    private static final List<String> AGENTS = List.of("alice", "bob", "carol", "dave");
    private static final List<String> TWELVE = IntStream.range(0, 12).mapToObj(i -> "agent-" + i).toList();

    @Test
    void batchOfActingWorks_readsTheirAgentsOnceWithTheFirstStatement_notOneRoundTripEach() {
        List<String> plain = messagesFor("plain", AGENTS, id -> tx -> act(tx, id));
        List<String> acting = messagesFor("acting", AGENTS, id -> new ActingWork<>(List.of(id), tx -> act(tx, id)));
        assertThat(acting).as("plain batch: %s messages", plain.size()).hasSize(plain.size() - (AGENTS.size() - 1));
        assertThat(String.join("\n", acting)).as("one read of every agent named")
                .containsOnlyOnce("FROM agents WHERE id IN");
    }

    /**
     * PostgreSQL plans a statement text once it has seen it a few times, anew each time before: a
     * batch of the same works must send the same few texts however long it is, not one per position
     * (as savepoints named after their work did).
     */
    @Test
    void longerBatchOfTheSameWorks_sendsNoNewStatementTexts() {
        List<String> agents = TWELVE;
        Function<AgentId, Function<Tx, ?>> work = id -> new ActingWork<>(List.of(id), tx -> act(tx, id));
        Set<String> short4 = new HashSet<>(messagesFor("short", agents.subList(0, 4), work));
        Set<String> long12 = new HashSet<>(messagesFor("long", agents, work));
        // The first message differs by how many rows it reads ahead (a few sizes, padded).
        long12.removeIf(text -> text.contains("FROM agents WHERE id IN"));
        short4.removeIf(text -> text.contains("FROM agents WHERE id IN"));
        assertThat(long12).isEqualTo(short4);
    }

    /**
     * Each work of a batch costs the server its savepoint and its own statements, nothing more:
     * every statement is a turn of the server's executor under the writers' lock (the work's number
     * once went before each savepoint as a statement of its own).
     */
    @Test
    void batchOfWorks_sendsTheirSavepointsAndTheirOwnStatements_nothingMorePerWork() {
        List<String> agents = TWELVE;
        Function<AgentId, Function<Tx, ?>> work = id -> new ActingWork<>(List.of(id), tx -> act(tx, id));
        long four = statements(messagesFor("four", agents.subList(0, 4), work));
        long twelve = statements(messagesFor("twelve", agents, work));
        assertThat((twelve - four) / 8.0).as("statements per work (savepoint, update, read)").isEqualTo(3.0);
    }

    /**
     * A batch sends its start (the writers' lock and its agents' rows, which the first work waits
     * for), a message per work's read and one to commit, which carries the last work's writes:
     * sent on their own first, they were a round trip more per batch, under the writers' lock.
     */
    @Test
    void batch_sendsItsStart_aMessagePerWork_andItsCommit_whichCarriesTheLastWorksWrites() {
        List<String> sent = messagesFor("last", AGENTS, id -> new ActingWork<>(List.of(id), tx -> act(tx, id)));
        assertThat(sent).hasSize(1 + AGENTS.size() + 1);
        assertThat(sent.getLast()).contains("UPDATE agents").endsWith("COMMIT");
    }

    /** A lease's fencing token is taken by its insert: no statement of its own for the counter. */
    @Test
    void grant_takesItsFencingTokenInTheInsert() {
        List<String> sent = messagesFor("granting", List.of("alice"), id -> tx -> {
            act(tx, id);
            return tx.leases().grant(new LeaseRows.Grant(Resource.fromText("src/a.txt"), id, LeaseMode.EXCLUSIVE,
                    Optional.empty(), Optional.empty(), T0, T0.plusSeconds(60)));
        });
        List<String> taking = sent.stream().flatMap(m -> List.of(m.split(";\n")).stream())
                .filter(statement -> statement.contains("UPDATE counters")).toList();
        assertThat(taking).singleElement().asString().contains("INSERT INTO leases");
    }

    /** An action that saves its agent's row as each stamp moves its clock sends the last save alone. */
    @Test
    void rowSavedSeveralTimesInAWork_withNothingReadingItBetween_isOneStatement() {
        List<String> sent = messagesFor("saves", List.of("alice"), id -> tx -> {
            Agent me = tx.agents().find(id).orElseThrow();
            for (int i = 0; i < 3; i++) {
                me = me.withClock(me.clock().tick(), T0.plusSeconds(i));
                tx.agents().update(me);
                tx.events().lastSeq();
            }
            tx.agents().update(me.withClock(LamportTime.ZERO.tick(), T0.plusSeconds(9)));
            return null;
        });
        assertThat(sent.stream().flatMap(m -> List.of(m.split(";\n")).stream())
                .filter(statement -> statement.contains("UPDATE agents"))).hasSize(1);
    }

    /**
     * Every lock and unlock asks which leases expired unnoticed, nearly always none: in a batch the
     * first ask's read tells when the next lease expires, and the works after it, acting before then,
     * ask the server nothing.
     */
    @Test
    void batchOfLeaseWorks_readsTheLeasesExpiredUnnoticedOnce_whileNoneCanHaveExpired() {
        List<String> sent = messagesFor("sweeps", TWELVE, id -> tx -> {
            act(tx, id);
            LeaseRows.Surroundings around = tx.leases().surroundings(T0.plusSeconds(1), 32, Optional.of(List.of("a")));
            List<?> swept = tx.leases().expiredUnnoticedAhead(T0.plusSeconds(2), 32).get();
            tx.leases().grant(new LeaseRows.Grant(Resource.fromText("src/" + id + ".txt"), id, LeaseMode.EXCLUSIVE,
                    Optional.empty(), Optional.empty(), T0, T0.plusSeconds(60)));
            return around.expired().size() + swept.size();
        });
        assertThat(sent.stream().flatMap(m -> List.of(m.split(";\n")).stream())
                .filter(statement -> statement.contains("noticed_at IS NULL"))).hasSize(1);
    }

    /**
     * A batch reads the newest events once, and each work's causal window, asked ahead or read,
     * after its own appends or not, is made from them: no window read goes to the server per work.
     */
    @Test
    void batchOfWorksActingOnTheLog_readsTheNewestEventsOnce_notAWindowEach() {
        List<String> sent = messagesFor("windows", TWELVE, id -> tx -> {
            act(tx, id);
            String file = "src/" + id + ".txt";
            Supplier<EventRows.Window> ahead = tx.events().windowAhead(LamportTime.ZERO, 16, List.of(file));
            tx.events().append(new Event(0, new LamportTime(1), Optional.of(id), T0, "lease.grant", Optional.empty(),
                    Optional.of(file), Map.of()));
            return List.of(ahead.get().newer(), tx.events().window(LamportTime.ZERO, 16, List.of()).newer());
        });
        List<String> statements = sent.stream().flatMap(m -> List.of(m.split(";\n")).stream()).toList();
        assertThat(statements).filteredOn(s -> s.contains("ORDER BY stamp DESC")).hasSize(1);
        assertThat(statements).filteredOn(s -> s.contains("MATERIALIZED")).isEmpty();
    }

    /**
     * Locks and unlocks that name the leases they will read ({@link LeaseReads}) have them read
     * ahead, all in a few statements with the batch's start (the waiters, the soonest expiry, the
     * leases near every file named, those on every file named), and read nothing of their own: the
     * batch sends its start, its writes {@value PostgresJdbc#WORKS_PER_MESSAGE} works at a time (a
     * text seen again, not one never seen), and its commit. The same works naming nothing send a
     * message each.
     */
    @Test
    void batchOfLocksAndUnlocksNamingTheirLeases_readsThemAheadOnce_andSendsAMessagePerFewWorks() {
        Function<Boolean, Function<AgentId, Function<Tx, ?>>> works = named -> id -> {
            String file = "src/" + id + ".txt";
            boolean lock = id.value().hashCode() % 2 == 0;
            LeaseReads reads = !named ? LeaseReads.NONE : lock ? LeaseReads.near(T0, List.of(file))
                    : LeaseReads.on(T0, List.of(Resource.fromText(file)));
            return new ActingWork<>(List.of(id), reads, tx -> {
                Agent me = tx.agents().find(id).orElseThrow();
                tx.agents().update(me.withClock(me.clock().tick(), T0.plusSeconds(1)));
                if (lock) {
                    LeaseRows.Surroundings around = tx.leases().surroundings(T0.plusSeconds(1), 32,
                            Optional.of(List.of(file)));
                    tx.leases().grant(new LeaseRows.Grant(Resource.fromText(file), id, LeaseMode.EXCLUSIVE,
                            Optional.empty(), Optional.empty(), T0, T0.plusSeconds(60)));
                    return around.held().size();
                }
                List<Lease> on = tx.leases().unexpiredOn(T0.plusSeconds(1), List.of(Resource.fromText(file)));
                on.forEach(l -> tx.leases().release(l.id(), T0.plusSeconds(1), id, Optional.empty()));
                return on.size();
            });
        };
        List<String> plain = messagesFor("leases_plain", TWELVE, works.apply(false));
        List<String> named = messagesFor("leases_named", TWELVE, works.apply(true));
        assertThat(plain).as("naming nothing: a read each").hasSizeGreaterThan(TWELVE.size());
        assertThat(named).as("named: %s", named)
                .hasSizeLessThanOrEqualTo(2 + TWELVE.size() / PostgresJdbc.WORKS_PER_MESSAGE);
        List<String> statements = named.stream().flatMap(m -> List.of(m.split(";\n")).stream()).toList();
        assertThat(statements).filteredOn(s -> s.contains("FROM lease_waiters")).hasSize(1);
        assertThat(statements).filteredOn(s -> s.contains("JOIN agents a ON a.id = l.holder")).hasSize(1);
        assertThat(statements).filteredOn(s -> s.contains("AND resource IN (")).hasSize(1);
        assertThat(named).allSatisfy(m -> assertThat(m.split("SAVEPOINT huddle_work", -1).length - 1)
                .isLessThanOrEqualTo(PostgresJdbc.WORKS_PER_MESSAGE + 1));
    }

    /**
     * A grant's token and id, and a message's id, are handed out by the batch itself: neither insert
     * waits for an answer, and both go with the next work's first statement. The first work's
     * message insert here is the sequence's first, which nothing told of: it asks.
     */
    @Test
    void batchOfGrantsAndMessages_takesTheirTokensAndIds_withoutARoundTripEach() {
        Function<AgentId, Function<Tx, ?>> work = id -> new ActingWork<>(List.of(id), tx -> {
            act(tx, id);
            Lease lease = tx.leases().grant(new LeaseRows.Grant(Resource.fromText("src/" + id + ".txt"), id,
                    LeaseMode.EXCLUSIVE, Optional.empty(), Optional.empty(), T0, T0.plusSeconds(60)));
            Message sent = tx.messages().insert(new Message(0, id, new LamportTime(2), T0, Optional.empty(), "hello",
                    Importance.NORMAL, false, Optional.empty(), Optional.empty(), List.of(id.value())), List.of(id));
            return List.of(lease.id(), lease.token().value(), sent.id());
        });
        List<String> four = messagesFor("ids4", TWELVE.subList(0, 4), work);
        List<String> twelve = messagesFor("ids12", TWELVE, work);
        assertThat((twelve.size() - four.size()) / 8.0).as("messages per work: its own read only").isEqualTo(1.0);
        assertThat(twelve.stream().filter(m -> m.contains("RETURNING")))
                .as("the first grant and message of the store ask; the rest are handed out").hasSize(2);
        assertThat((statements(twelve) - statements(four)) / 8.0)
                .as("statements per work: savepoint, read, and its writes (actor's row, lease, message, delivery) as one;"
                        + " each insert moves its counter and sequence itself").isEqualTo(3.0);
    }

    private static long statements(List<String> messages) {
        return messages.stream().mapToLong(m -> m.split(";\n").length).sum();
    }

    /** What a use case starts with: the actor's row looked up and saved, then a read of its own. */
    private static Object act(Tx tx, AgentId id) {
        Agent me = tx.agents().find(id).orElseThrow();
        tx.agents().update(me.withClock(me.clock().tick(), T0.plusSeconds(1)));
        return tx.events().lastSeq();
    }

    /** The text of each message one batch of the agents' works sends, on a store of its own. */
    private static List<String> messagesFor(String schema, List<String> agents, Function<AgentId, Function<Tx, ?>> work) {
        PostgresUrl url = databases.schema(schema);
        List<String> sent = new ArrayList<>();
        try (PostgresStore store = new PostgresStore(url, counting(PostgresConnector.direct(url), sent))) {
            store.write((Tx tx) -> {
                for (String a : agents) {
                    tx.agents().insert(new Agent(new AgentId(a), AgentProfile.empty(), T0, T0, Optional.empty(),
                            LamportTime.ZERO, Pointstamp.START));
                }
                return null;
            });
            List<Function<Tx, ?>> works = new ArrayList<>();
            for (String a : agents) {
                works.add(work.apply(new AgentId(a)));
            }
            sent.clear();
            List<Written> outcomes = store.writeEach(works);
            List<String> batch = List.copyOf(sent);
            assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
            assertThat(store.read((Tx tx) -> tx.agents().all())).allSatisfy(a -> assertThat(a.clock().value()).isOne());
            return batch;
        }
    }

    /** Connections that record the text of each statement executed: each is one message to the server and its answer. */
    private static PostgresConnector.Source counting(PostgresConnector.Source real, List<String> sent) {
        return () -> {
            Connection c = real.open();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        Object result = invoke(c, method, args);
                        return result instanceof PreparedStatement ps ? counted(ps, (String) args[0], sent) : result;
                    });
        };
    }

    private static PreparedStatement counted(PreparedStatement real, String text, List<String> sent) {
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("execute")) {
                        sent.add(text);
                    }
                    return invoke(real, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

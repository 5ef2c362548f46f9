package dev.huddle.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SessionRows}: an agent program's session id maps to one agent. */
abstract class SessionRowsContract extends StoreCase {

    @BeforeEach
    void agents() {
        register("alice", "bob");
    }

    @Test
    void bind_thenAgentFor_boundAgent() {
        run(tx -> tx.sessions().bind("sess-1", id("alice"), "claude-code", T0));
        assertThat(read((Tx tx) -> tx.sessions().agentFor("sess-1"))).contains(id("alice"));
    }

    @Test
    void agentFor_whenUnknownSession_empty() {
        run(tx -> tx.sessions().bind("sess-1", id("alice"), "claude-code", T0));
        assertThat(read((Tx tx) -> tx.sessions().agentFor("sess-2"))).isEmpty();
        assertThat(read((Tx tx) -> tx.sessions().agentFor("SESS-1"))).as("session ids are exact").isEmpty();
    }

    @Test
    void bind_whenSessionBoundAgain_rebindsToNewAgent() {
        run(tx -> tx.sessions().bind("sess-1", id("alice"), "claude-code", T0));
        run(tx -> tx.sessions().bind("sess-1", id("bob"), "codex", at(5)));
        assertThat(read((Tx tx) -> tx.sessions().agentFor("sess-1"))).contains(id("bob"));
    }

    @Test
    void bind_whenSeveralSessionsForOneAgent_eachMapped() {
        run(tx -> {
            tx.sessions().bind("a-1", id("alice"), "claude-code", T0);
            tx.sessions().bind("a-2", id("alice"), "gemini", T0);
            tx.sessions().bind("b-1", id("bob"), "codex", T0);
        });
        assertThat(read((Tx tx) -> tx.sessions().agentFor("a-1"))).contains(id("alice"));
        assertThat(read((Tx tx) -> tx.sessions().agentFor("a-2"))).contains(id("alice"));
        assertThat(read((Tx tx) -> tx.sessions().agentFor("b-1"))).contains(id("bob"));
    }

    @Test
    void bind_whenSessionIdHasOddCharacters_keptExactly() {
        String odd = "0f9c'; DROP TABLE sessions; --\u00e9";
        run(tx -> tx.sessions().bind(odd, id("bob"), "x", T0));
        assertThat(read((Tx tx) -> tx.sessions().agentFor(odd))).contains(id("bob"));
    }

    @Test
    void stopGuard_whenNeverBlocked_empty() {
        assertThat(read((Tx tx) -> tx.sessions().stopGuard(id("alice")))).isEmpty();
    }

    @Test
    void saveStopGuard_thenStopGuard_theIdsInOrder_andASecondSaveReplacesThem() {
        run(tx -> tx.sessions().saveStopGuard(id("alice"), java.util.List.of(7L, 3L), T0));
        assertThat(read((Tx tx) -> tx.sessions().stopGuard(id("alice")))).containsExactly(7L, 3L);
        run(tx -> tx.sessions().saveStopGuard(id("alice"), java.util.List.of(9L), at(5)));
        assertThat(read((Tx tx) -> tx.sessions().stopGuard(id("alice")))).containsExactly(9L);
        assertThat(read((Tx tx) -> tx.sessions().stopGuard(id("bob")))).as("per agent").isEmpty();
    }
}

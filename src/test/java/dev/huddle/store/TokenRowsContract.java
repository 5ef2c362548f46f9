package dev.huddle.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.token.AccessToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link TokenRows}: bearer tokens by id, hashes only, and never in the export. */
abstract class TokenRowsContract extends StoreCase {

    static AccessToken token(String id, String agent, boolean operator, long createdMinute) {
        return new AccessToken(id, id(agent), operator, id + "0".repeat(64 - id.length()), at(createdMinute),
                Optional.of(at(createdMinute + 60)), Optional.empty(), Optional.empty());
    }

    @Test
    void insert_thenFind_givesItBackEqual_withEveryField() {
        AccessToken full = new AccessToken("0123456789abcdef", id("ana"), true, "ab".repeat(32), at(0),
                Optional.of(at(90)), Optional.of(at(5)), Optional.of(at(7)));
        AccessToken bare = new AccessToken("fedcba9876543210", id("alice"), false, "cd".repeat(32), at(1),
                Optional.empty(), Optional.empty(), Optional.empty());
        run(tx -> {
            tx.tokens().insert(full);
            tx.tokens().insert(bare);
        });
        assertThat(read((Tx tx) -> tx.tokens().find("0123456789abcdef"))).contains(full);
        assertThat(read((Tx tx) -> tx.tokens().find("fedcba9876543210"))).contains(bare);
        assertThat(read((Tx tx) -> tx.tokens().find("1111111111111111"))).isEmpty();
    }

    @Test
    void insert_whenIdOrHashTaken_refused_andTheFirstKept() {
        AccessToken first = token("aaaa000000000000", "alice", false, 0);
        run(tx -> tx.tokens().insert(first));
        AccessToken sameId = new AccessToken(first.id(), id("bob"), false, "ef".repeat(32), at(1), Optional.empty(),
                Optional.empty(), Optional.empty());
        AccessToken sameHash = new AccessToken("bbbb000000000000", id("bob"), false, first.hash(), at(1), Optional.empty(),
                Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> run(tx -> tx.tokens().insert(sameId))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> run(tx -> tx.tokens().insert(sameHash))).isInstanceOf(StoreException.class);
        assertThat(read((Tx tx) -> tx.tokens().all())).containsExactly(first);
    }

    @Test
    void all_inIssueOrder_evenWithinOneMillisecond_revokedOnesIncluded() {
        AccessToken first = token("dddd000000000000", "alice", true, 1);
        AccessToken second = token("cccc000000000000", "bob", false, 1);
        AccessToken third = token("eeee000000000000", "bob", false, 1);
        run(tx -> {
            tx.tokens().insert(first);
            tx.tokens().insert(second);
            tx.tokens().revoke(first.id(), at(3));
        });
        run(tx -> tx.tokens().insert(third));
        assertThat(read((Tx tx) -> tx.tokens().all())).extracting(AccessToken::id)
                .containsExactly(first.id(), second.id(), third.id());
    }

    @Test
    void revoke_once_setsTheTime_secondTimeOrUnknown_false() {
        AccessToken t = token("eeee000000000000", "alice", false, 0);
        run(tx -> tx.tokens().insert(t));
        assertThat(write((Tx tx) -> tx.tokens().revoke(t.id(), at(2)))).isTrue();
        assertThat(write((Tx tx) -> tx.tokens().revoke(t.id(), at(4)))).isFalse();
        assertThat(write((Tx tx) -> tx.tokens().revoke("ffff000000000000", at(4)))).isFalse();
        assertThat(read((Tx tx) -> tx.tokens().find(t.id())).orElseThrow().revokedAt()).contains(at(2));
    }

    @Test
    void touch_setsLastUse_onlyOfThatToken() {
        AccessToken a = token("aaaa111111111111", "alice", false, 0);
        AccessToken b = token("bbbb111111111111", "bob", false, 0);
        run(tx -> {
            tx.tokens().insert(a);
            tx.tokens().insert(b);
            tx.tokens().touch(a.id(), at(9));
        });
        assertThat(read((Tx tx) -> tx.tokens().find(a.id())).orElseThrow().lastUsed()).contains(at(9));
        assertThat(read((Tx tx) -> tx.tokens().find(b.id())).orElseThrow().lastUsed()).isEmpty();
    }

    @Test
    void export_leavesTokensOut_andTheyDoNotCountAsContents() {
        AccessToken t = token("abab000000000000", "alice", true, 0);
        run(tx -> tx.tokens().insert(t));
        List<String> lines = read((Tx tx) -> {
            List<String> out = new ArrayList<>();
            tx.dump().export(out::add);
            return out;
        });
        assertThat(String.join("\n", lines)).doesNotContain(t.hash()).doesNotContain(t.id()).doesNotContain("tokens");
        assertThat(read((Tx tx) -> tx.dump().contents())).isEmpty();
    }
}

package dev.huddle.core.task;

import static dev.huddle.core.task.TaskFixtures.NOON;
import static dev.huddle.core.task.TaskFixtures.agent;
import static dev.huddle.core.task.TaskFixtures.open;
import static dev.huddle.core.task.TaskFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.FencingToken;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ClaimRulesTest {

    static final AgentId ALICE = agent("alice");
    static final AgentId BOB = agent("bob");
    static final Predicate<AgentId> NOBODY_OFFLINE = a -> false;

    static Task claimedBy(Task t, AgentId who, long token) {
        return t.claimed(who, new FencingToken(token), NOON);
    }

    @Nested
    class Decide {

        @Test
        void decide_whenReady_grantsWithoutReclaim() {
            assertThat(ClaimRules.decide(open("T-1"), List.of(), ALICE, NOBODY_OFFLINE))
                    .isEqualTo(new ClaimVerdict.Grant(Optional.empty()));
        }

        @Test
        void decide_whenHeldByLiveAgent_heldNamingTheHolder() {
            assertThat(ClaimRules.decide(claimedBy(open("T-1"), BOB, 4), List.of(), ALICE, NOBODY_OFFLINE))
                    .isEqualTo(new ClaimVerdict.Held(BOB));
        }

        @Test
        void decide_whenHeldByOfflineAgent_grantsAsReclaimFromIt() {
            assertThat(ClaimRules.decide(claimedBy(open("T-1"), BOB, 4), List.of(), ALICE, BOB::equals))
                    .isEqualTo(new ClaimVerdict.Grant(Optional.of(BOB)));
        }

        @Test
        void decide_whenHeldByOfflineAgentButBlockersOpen_notReady() {
            var verdict = ClaimRules.decide(claimedBy(open("T-2"), BOB, 4), List.of(open("T-1")), ALICE, BOB::equals);
            assertThat(verdict).isInstanceOf(ClaimVerdict.NotReady.class);
        }

        @Test
        void decide_whenAlreadyMine_mine() {
            assertThat(ClaimRules.decide(claimedBy(open("T-1"), ALICE, 4), List.of(), ALICE, NOBODY_OFFLINE))
                    .isInstanceOf(ClaimVerdict.Mine.class);
        }

        @Test
        void decide_whenDoneOrCancelled_closedNamingTheState() {
            for (TaskStatus s : List.of(TaskStatus.DONE, TaskStatus.CANCELLED)) {
                assertThat(ClaimRules.decide(with(open("T-1"), s), List.of(), ALICE, NOBODY_OFFLINE))
                        .isEqualTo(new ClaimVerdict.Closed(s));
            }
        }

        @Test
        void decide_whenBlockersOpen_notReadyListingOnlyTheOpenOnes() {
            var blockers = List.of(open("T-3"), with(open("T-1"), TaskStatus.DONE), with(open("T-2"), TaskStatus.CANCELLED));
            var verdict = (ClaimVerdict.NotReady) ClaimRules.decide(open("T-4"), blockers, ALICE, NOBODY_OFFLINE);
            assertThat(verdict.openBlockers()).extracting(t -> t.id().text()).containsExactly("T-3");
        }

        @Test
        void decide_whenBlockedWithReason_notReadyCarryingTheReason() {
            var blocked = open("T-1").blocked("waiting for the API", NOON);
            assertThat(ClaimRules.decide(blocked, List.of(), ALICE, NOBODY_OFFLINE))
                    .isEqualTo(new ClaimVerdict.NotReady(List.of(), Optional.of("waiting for the API")));
        }
    }

    @Nested
    class Holder {

        @Test
        void holderDenial_whenHolder_none() {
            assertThat(ClaimRules.holderDenial(claimedBy(open("T-1"), ALICE, 4), ALICE, Optional.empty())).isEmpty();
            assertThat(ClaimRules.holderDenial(claimedBy(open("T-1"), ALICE, 4), ALICE, Optional.of(new FencingToken(4))))
                    .isEmpty();
        }

        @Test
        void holderDenial_whenAnotherHolds_namesTheHolder() {
            assertThat(ClaimRules.holderDenial(claimedBy(open("T-1"), BOB, 4), ALICE, Optional.empty()))
                    .hasValue("T-1 is claimed by bob, not by you");
        }

        @Test
        void holderDenial_whenNobodyHolds_saysSo() {
            assertThat(ClaimRules.holderDenial(open("T-1"), ALICE, Optional.empty())).get().asString()
                    .contains("is open").contains("nobody holds");
        }

        @Test
        void holderDenial_whenTokenIsNotTheCurrentOne_stale() {
            Task reclaimed = claimedBy(claimedBy(open("T-1"), BOB, 4), ALICE, 9);
            assertThat(ClaimRules.holderDenial(reclaimed, ALICE, Optional.of(new FencingToken(4)))).get().asString()
                    .contains("fencing token 4 is stale").contains("token 9");
        }
    }
}

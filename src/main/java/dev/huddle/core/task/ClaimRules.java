package dev.huddle.core.task;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.FencingToken;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who may claim and who may act on a claim (DESIGN §4.6, §9). Pure: the caller passes the task
 * as read in its write transaction, its blockers, and which agents are offline now. A live
 * assignee is never displaced; an offline one holds nothing, so its claim may be taken over.
 */
public final class ClaimRules {

    private ClaimRules() {}

    /** The verdict on {@code caller} claiming {@code task}, whose blockers are {@code blockers}. */
    public static ClaimVerdict decide(Task task, List<Task> blockers, AgentId caller, Predicate<AgentId> offline) {
        if (task.status().resolved()) {
            return new ClaimVerdict.Closed(task.status());
        }
        if (task.heldBy(caller)) {
            return new ClaimVerdict.Mine();
        }
        Optional<AgentId> other = task.assignee().filter(a -> !a.equals(caller));
        if (other.isPresent() && !offline.test(other.get())) {
            return new ClaimVerdict.Held(other.get());
        }
        List<Task> open = TaskGraph.openBlockers(blockers);
        if (task.status() == TaskStatus.BLOCKED || !open.isEmpty()) {
            return new ClaimVerdict.NotReady(open, task.blockedReason());
        }
        return new ClaimVerdict.Grant(other);
    }

    /**
     * Why {@code caller} may not act as the holder of {@code task} (done, unclaim), or empty when
     * it may. A presented token must be the claim's current one: a claim that was taken over
     * after its holder went offline leaves the old token stale.
     */
    public static Optional<String> holderDenial(Task task, AgentId caller, Optional<FencingToken> token) {
        if (!task.heldBy(caller)) {
            boolean others = task.assignee().isPresent() && !task.status().resolved();
            return Optional.of(task.id() + " " + standing(task) + (others ? ", not by you" : ""));
        }
        if (token.isPresent() && !token.equals(task.claimToken())) {
            return Optional.of("fencing token " + token.get() + " is stale: your claim on " + task.id()
                    + " now has token " + task.claimToken().map(FencingToken::toString).orElse("none"));
        }
        return Optional.empty();
    }

    /** Where the task stands, for messages: "is claimed by bob", "is open", "is done". */
    public static String standing(Task task) {
        return switch (task.status()) {
            case CLAIMED -> "is claimed by " + task.assignee().map(AgentId::value).orElse("nobody");
            case BLOCKED -> "is blocked" + task.assignee().map(a -> " (claimed by " + a + ")").orElse("");
            case OPEN -> "is open: nobody holds a claim on it";
            case DONE, CANCELLED -> "is " + task.status().label();
        };
    }
}

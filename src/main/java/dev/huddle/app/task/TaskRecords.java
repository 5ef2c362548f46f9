package dev.huddle.app.task;

import dev.huddle.app.Actor;
import dev.huddle.core.HuddleException;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.task.ClaimRules;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskId;
import dev.huddle.store.Tx;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The moves every task use case makes inside its transaction: find, save by compare-and-set, record. */
final class TaskRecords {

    private TaskRecords() {}

    /** The task; an unknown id fails (exit 1). */
    static Task require(Tx tx, TaskId id) {
        return tx.tasks().find(id).orElseThrow(() -> HuddleException.failed("unknown task " + id
                + ": 'huddle task list' shows the board"));
    }

    /**
     * Writes {@code after} over {@code before} if nobody changed the task since it was read. A
     * failed compare-and-set aborts the whole transaction: under SQLite's serialised writers it
     * cannot happen, so it is the backstop should a store ever let two writers interleave.
     */
    static void save(Tx tx, Task before, Task after) {
        if (!tx.tasks().replace(before, after)) {
            Task now = require(tx, before.id());
            throw new HuddleException(HuddleException.Kind.DENIED, before.id() + " changed while this command ran: it now "
                    + ClaimRules.standing(now) + "; try again");
        }
    }

    static void record(Actor actor, String kind, TaskId task, Map<String, Object> data) {
        actor.record(kind, Optional.of(task.text()), Optional.empty(), data);
    }

    /** Ends the caller's live leases taken for the task (claim --reserve, lock --task ID). */
    static List<Lease> releaseLeases(Tx tx, Actor actor, TaskId task, String why) {
        List<Lease> mine = tx.leases().unexpired(actor.now()).stream()
                .filter(l -> l.holder().equals(actor.id()) && l.task().filter(task.text()::equalsIgnoreCase).isPresent())
                .toList();
        actor.actsOnLeases(mine);
        for (Lease l : mine) {
            tx.leases().release(l.id(), actor.now(), actor.id(), Optional.of(why));
            actor.record(EventKind.UNLOCK, l.task(), Optional.of(l.resource().text()),
                    Map.of("token", l.token().value(), "holder", l.holder().value(), "reason", why));
        }
        return mine;
    }
}

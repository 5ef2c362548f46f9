package dev.huddle.store;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.FencingToken;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.task.Dependency;
import dev.huddle.core.task.Priority;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskId;
import dev.huddle.core.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** {@link StoreCase} with the work board's records: tasks created by alice at a given minute. */
abstract class BoardCase extends StoreCase {

    /** An open P-priority task created at minute {@code minute}; T-n in queue default, else the prefix's queue. */
    static Task task(String id, Priority priority, long minute) {
        TaskId tid = TaskId.parse(id);
        return new Task(tid, tid.prefix().equals("T") ? "default" : tid.prefix().toLowerCase(), "task " + id,
                Optional.empty(), priority, TaskStatus.OPEN, Optional.empty(), Optional.empty(), List.of(), List.of(),
                Optional.empty(), id("alice"), at(minute), at(minute), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 1);
    }

    Task add(String id, Priority priority, long minute) {
        return add(task(id, priority, minute));
    }

    Task add(String id) {
        return add(id, Priority.P2, 0);
    }

    Task add(Task t) {
        run(tx -> tx.tasks().insert(t));
        return t;
    }

    /** Applies a lifecycle change through a compare-and-set and returns the stored result. */
    Task change(Task t, UnaryOperator<Task> how) {
        Task after = how.apply(t);
        run(tx -> {
            if (!tx.tasks().replace(t, after)) {
                throw new AssertionError("replace of " + t.id() + " at version " + t.version() + " failed");
            }
        });
        return after;
    }

    Task claim(Task t, String agent, long token) {
        return change(t, x -> x.claimed(id(agent), new FencingToken(token), at(1)));
    }

    Task status(Task t, TaskStatus s) {
        return switch (s) {
            case OPEN -> t;
            case CLAIMED -> claim(t, "bob", 100 + t.id().number());
            case BLOCKED -> change(t, x -> x.blocked("waiting", at(2)));
            case DONE -> change(claim(t, "bob", 100 + t.id().number()), x -> x.done(Optional.of("ok"), at(3)));
            case CANCELLED -> change(t, x -> x.cancelled(at(3)));
        };
    }

    void dep(String blocker, String blocked) {
        run(tx -> tx.dependencies().add(new Dependency(TaskId.parse(blocker), TaskId.parse(blocked))));
    }

    /** A task with every field set, for round trips. */
    static Task full(String id, String parent) {
        return new Task(TaskId.parse(id), "reviews", "Review the parser", Optional.of("line one\nline \"two\" ü"),
                Priority.P1, TaskStatus.CLAIMED, Optional.of(id("bob")), Optional.of(new FencingToken(42)),
                List.of(Resource.fromText("src/a b.py"), Resource.fromText("src/**/*.rs")), List.of("area/parser", "urgent"),
                Optional.ofNullable(parent).map(TaskId::parse), id("alice"), at(0).plusMillis(7), at(5), Optional.of(at(5)),
                Optional.of(at(240)), Optional.of("waiting"), Optional.of("done it"), 3);
    }

    static AgentId agentId(String value) {
        return id(value);
    }

    static Instant minute(long m) {
        return at(m);
    }
}

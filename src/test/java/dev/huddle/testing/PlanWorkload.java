package dev.huddle.testing;

import dev.huddle.app.Coordinator;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.agent.Role;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.task.TaskFilter;
import dev.huddle.core.task.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * What the plan tests of both stores run before they look at the statements prepared: four
 * agents, 400 commands that write ({@link RandomCommands}, from {@code random}) at random
 * moments, and the common reads every 50 commands and at the end.
 */
public final class PlanWorkload {

    private PlanWorkload() {}

    public static void run(Coordinator c, Random random, MutableClock clock, Path dir) {
        List<AgentId> agents = new ArrayList<>();
        for (String id : List.of("a0", "a1", "a2", "a3")) {
            AgentId agent = AgentId.of(id);
            c.agents().register(agent, new AgentProfile(Optional.empty(), List.of(Role.of("dev")), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty());
            agents.add(agent);
        }
        RandomCommands commands = new RandomCommands(random, dir);
        for (int step = 0; step < 400; step++) {
            clock.advance(Duration.ofSeconds(random.nextInt(60)));
            AgentId me = agents.get(random.nextInt(agents.size()));
            commands.run(c, me, agents);
            if (step % 50 == 0) {
                reads(c, me);
            }
        }
        reads(c, agents.getFirst());
    }

    private static void reads(Coordinator c, AgentId me) {
        c.overview().status(Optional.of(me));
        c.leases().locks(false, Optional.empty());
        c.leases().locks(true, Optional.of(me));
        c.leases().check(Optional.of(me), List.of("src/a.py", "src/**"));
        c.messages().inbox(me, false);
        c.board().ready(Optional.empty(), 20);
        c.board().tasks(TaskFilter.all(50));
        c.board().blocked();
        c.events().log(EventFilter.after(0, 50));
        // The log's filters, each on its own and together (huddle log --agent/--kind/--task/--path).
        c.events().log(new EventFilter(Optional.of(me), Optional.empty(), Optional.empty(), Optional.empty(), 0, 50));
        c.events().log(new EventFilter(Optional.empty(), Optional.of("lease"), Optional.empty(), Optional.empty(), 0, 50));
        c.events().log(new EventFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("src"), 0, 50));
        c.events().log(new EventFilter(Optional.of(me), Optional.of("task"), Optional.of("T-1"), Optional.of("src/a.py"),
                0, 50));
        c.messages().inbox(me, true);
        c.messages().thread("main");
        c.decisions().decisions(Optional.empty(), 20);
        // Task listings by each filter (tasks --status, --queue, --mine).
        c.board().tasks(new TaskFilter(Optional.of(TaskStatus.DONE), Optional.empty(), Optional.empty(), 20));
        c.board().tasks(new TaskFilter(Optional.empty(), Optional.of("default"), Optional.empty(), 20));
        c.board().tasks(new TaskFilter(Optional.empty(), Optional.empty(), Optional.of(me), 20));
        c.board().tasks(new TaskFilter(Optional.of(TaskStatus.OPEN), Optional.of("default"), Optional.of(me), 20));
        c.board().queues();
        c.board().overdue(Optional.empty());
        c.board().tasks(TaskFilter.all(50)).stream().findFirst().ifPresent(t -> {
            c.board().show(t.id());
            c.board().tree(t.id());
            c.decisions().decisions(Optional.of(t.id()), 20);
        });
        c.agents().agents(true);
        c.agents().whoami(me);
    }
}

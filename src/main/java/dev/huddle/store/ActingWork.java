package dev.huddle.store;

import dev.huddle.core.agent.AgentId;
import java.util.List;
import java.util.function.Function;

/**
 * A write that names, before it runs, the agents whose rows it looks up ({@link AgentRows#find}):
 * the agent it acts as and any it addresses by id; and the leases it reads, if it does
 * ({@link LeaseReads}). A store whose reads are round trips reads those rows ahead, with what it
 * sends first (a batch's rows with the batch's first statement), instead of one round trip each
 * when the work asks. Naming one it does not read costs a read; one it reads but did not name is
 * read as before.
 */
public record ActingWork<T>(List<AgentId> agents, LeaseReads leases, Function<Tx, T> work) implements Function<Tx, T> {

    public ActingWork {
        agents = List.copyOf(agents);
    }

    public ActingWork(List<AgentId> agents, Function<Tx, T> work) {
        this(agents, LeaseReads.NONE, work);
    }

    @Override
    public T apply(Tx tx) {
        return work.apply(tx);
    }

    /** The agents {@code work} names, none when it is not an {@code ActingWork}. */
    public static List<AgentId> agentsOf(Function<Tx, ?> work) {
        return work instanceof ActingWork<?> acting ? acting.agents() : List.of();
    }

    /** The lease reads {@code work} names, none when it is not an {@code ActingWork}. */
    public static LeaseReads leasesOf(Function<Tx, ?> work) {
        return work instanceof ActingWork<?> acting ? acting.leases() : LeaseReads.NONE;
    }
}

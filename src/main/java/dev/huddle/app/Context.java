package dev.huddle.app;

import dev.huddle.core.Settings;
import dev.huddle.core.agent.AgentId;
import dev.huddle.store.ActingWork;
import dev.huddle.store.LeaseReads;
import dev.huddle.store.Store;
import dev.huddle.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What every use case needs: the store, the team's settings, the time source, the workspace,
 * and whether writes are rehearsed (--dry-run: the same transaction, rolled back).
 */
public record Context(Store store, Settings settings, Clock clock, Workspace workspace, Pacer pacer, boolean dryRun) {

    public <T> T write(Function<Tx, T> work) {
        return dryRun ? store.rehearse(work) : store.write(work);
    }

    /**
     * {@link #write} for a work that acts as {@code caller} ({@link Actor#act}) and looks up the
     * rows of {@code addressed} too: the store may read those rows ahead ({@link ActingWork}).
     */
    public <T> T write(AgentId caller, List<AgentId> addressed, Function<Tx, T> work) {
        List<AgentId> agents = new ArrayList<>(1 + addressed.size());
        agents.add(caller);
        agents.addAll(addressed);
        return write(new ActingWork<>(agents, work));
    }

    public <T> T write(AgentId caller, Function<Tx, T> work) {
        return write(caller, List.of(), work);
    }

    /**
     * Runs {@code work} like {@link #write}, but when its outcome is a refusal (by {@code refused})
     * everything it did is rolled back and the outcome returned: a refused command changes nothing,
     * not even the caller's clock or presence (DESIGN §1.5).
     */
    public <T> T decide(Function<Tx, T> work, Predicate<? super T> refused) {
        return decide(List.of(), LeaseReads.NONE, work, refused);
    }

    /** {@link #decide} for a work that acts as {@code caller}, as {@link #write(AgentId, Function)} is. */
    public <T> T decide(AgentId caller, Function<Tx, T> work, Predicate<? super T> refused) {
        return decide(List.of(caller), LeaseReads.NONE, work, refused);
    }

    /** {@link #decide} for a work that acts as {@code caller} and reads the {@code leases} it names ahead ({@link ActingWork}). */
    public <T> T decide(AgentId caller, LeaseReads leases, Function<Tx, T> work, Predicate<? super T> refused) {
        return decide(List.of(caller), leases, work, refused);
    }

    private <T> T decide(List<AgentId> agents, LeaseReads leases, Function<Tx, T> work, Predicate<? super T> refused) {
        Function<Tx, T> deciding = tx -> {
            T outcome = work.apply(tx);
            if (refused.test(outcome)) {
                throw new Refusal(outcome);
            }
            return outcome;
        };
        try {
            return write(agents.isEmpty() ? deciding : new ActingWork<>(agents, leases, deciding));
        } catch (Refusal r) {
            @SuppressWarnings("unchecked")
            T outcome = (T) r.outcome;
            return outcome;
        }
    }

    /** Carries a refusal out of the transaction so the store rolls it back; never escapes {@link #decide}. */
    private static final class Refusal extends RuntimeException {
        private final transient Object outcome;

        Refusal(Object outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    public <T> T read(Function<Tx, T> work) {
        return store.read(work);
    }

    public Instant now() {
        return clock.instant();
    }

    public Context rehearsing(boolean rehearse) {
        return new Context(store, settings, clock, workspace, pacer, rehearse);
    }
}

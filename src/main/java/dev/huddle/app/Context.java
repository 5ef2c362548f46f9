package dev.huddle.app;

import dev.huddle.core.Settings;
import dev.huddle.store.Store;
import dev.huddle.store.Tx;
import java.time.Clock;
import java.time.Instant;
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
     * Runs {@code work} like {@link #write}, but when its outcome is a refusal (by {@code refused})
     * everything it did is rolled back and the outcome returned: a refused command changes nothing,
     * not even the caller's clock or presence (DESIGN §1.5).
     */
    public <T> T decide(Function<Tx, T> work, Predicate<? super T> refused) {
        try {
            return write(tx -> {
                T outcome = work.apply(tx);
                if (refused.test(outcome)) {
                    throw new Refusal(outcome);
                }
                return outcome;
            });
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

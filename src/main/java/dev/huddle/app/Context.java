package dev.huddle.app;

import dev.huddle.core.Settings;
import dev.huddle.store.Store;
import dev.huddle.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

/**
 * What every use case needs: the store, the team's settings, the time source, the workspace,
 * and whether writes are rehearsed (--dry-run: the same transaction, rolled back).
 */
public record Context(Store store, Settings settings, Clock clock, Workspace workspace, Pacer pacer, boolean dryRun) {

    public <T> T write(Function<Tx, T> work) {
        return dryRun ? store.rehearse(work) : store.write(work);
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

package dev.huddle.testing;

import dev.huddle.store.Store;
import dev.huddle.store.Tx;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A store that counts the transactions run through it: what a waiting use case costs besides
 * looking at the change counter, measured without timing anything.
 */
public final class CountingStore implements Store {

    private final Store inner;
    private int reads;
    private int writes;
    private int looks;

    public CountingStore(Store inner) {
        this.inner = inner;
    }

    public int reads() {
        return reads;
    }

    public int writes() {
        return writes;
    }

    /** Looks at the change counter. */
    public int looks() {
        return looks;
    }

    @Override
    public <T> T write(Function<Tx, T> work) {
        writes++;
        return inner.write(work);
    }

    @Override
    public <T> T rehearse(Function<Tx, T> work) {
        return inner.rehearse(work);
    }

    @Override
    public <T> T read(Function<Tx, T> work) {
        reads++;
        return inner.read(work);
    }

    @Override
    public long changes() {
        looks++;
        return inner.changes();
    }

    @Override
    public void backupTo(Path target) {
        inner.backupTo(target);
    }

    @Override
    public String location() {
        return inner.location();
    }

    @Override
    public void close() {
        inner.close();
    }
}

package dev.huddle.testing;

import dev.huddle.store.ForwardingStore;
import dev.huddle.store.Store;
import dev.huddle.store.Tx;
import java.util.function.Function;

/**
 * A store that counts the transactions run through it: what a waiting use case costs besides
 * looking at the change counter, measured without timing anything.
 */
public final class CountingStore extends ForwardingStore {

    private int reads;
    private int writes;
    private int looks;

    public CountingStore(Store inner) {
        super(inner);
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
        return super.write(work);
    }

    @Override
    public <T> T read(Function<Tx, T> work) {
        reads++;
        return super.read(work);
    }

    @Override
    public long changes() {
        looks++;
        return super.changes();
    }
}

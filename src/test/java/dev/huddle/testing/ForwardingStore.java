package dev.huddle.testing;

import dev.huddle.store.Store;
import dev.huddle.store.Tx;
import dev.huddle.store.Written;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** A store that hands every call to another; test stores override only what they change or count. */
public abstract class ForwardingStore implements Store {

    private final Store inner;

    protected ForwardingStore(Store inner) {
        this.inner = inner;
    }

    @Override
    public <T> T write(Function<Tx, T> work) {
        return inner.write(work);
    }

    @Override
    public List<Written> writeEach(List<? extends Function<Tx, ?>> works) {
        return inner.writeEach(works);
    }

    @Override
    public <T> T rehearse(Function<Tx, T> work) {
        return inner.rehearse(work);
    }

    @Override
    public <T> T read(Function<Tx, T> work) {
        return inner.read(work);
    }

    @Override
    public long changes() {
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

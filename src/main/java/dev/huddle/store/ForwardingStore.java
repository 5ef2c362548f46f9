package dev.huddle.store;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** A store that hands every call to another: a decorator overrides only what it changes (a group member's writes, a test's counts). */
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

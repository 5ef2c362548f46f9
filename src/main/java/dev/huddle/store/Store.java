package dev.huddle.store;

import java.util.List;
import java.util.function.Function;

/**
 * The persistence port (DESIGN §2): every fact lives behind it, and every mutation is one short
 * transaction. Work passed to {@link #write} may run more than once when the store is busy, so it
 * must touch nothing outside the transaction. Implementations: SQLite (default) and PostgreSQL.
 */
public interface Store extends AutoCloseable {

    /** Runs {@code work} in one write transaction (serialised with all other writers) and commits. */
    <T> T write(Function<Tx, T> work);

    /**
     * Runs {@code works} in order in one write transaction with one commit, as if each were
     * {@link #write} on its own right after the one before, and returns what each came to. A work
     * that throws is undone alone (a savepoint each) and its exception is its outcome; the others
     * still commit. A failure of the store itself (busy, unreachable, a commit not saved) fails
     * them all, as it would fail each.
     */
    List<Written> writeEach(List<? extends Function<Tx, ?>> works);

    /** Runs {@code work} exactly as {@link #write} would, then rolls everything back (--dry-run). */
    <T> T rehearse(Function<Tx, T> work);

    /** Runs {@code work} against one consistent snapshot; writes are not allowed. */
    <T> T read(Function<Tx, T> work);

    /**
     * A number that moves whenever another connection commits a write: two equal answers mean
     * nobody else wrote in between. Much cheaper than a read transaction, so a waiting use case
     * looks at it often and reads the store again only when it moved.
     */
    long changes();

    /**
     * Writes a consistent copy of the whole store to {@code target}, a new file, while other
     * processes may keep writing. An existing target is refused, never overwritten.
     */
    void backupTo(java.nio.file.Path target);

    /** Where the store lives, for messages (a file path or a URL without credentials). */
    String location();

    @Override
    void close();
}

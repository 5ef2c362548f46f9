package dev.huddle.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A resource that notices two holders at once, outside Huddle: entering creates a marker file
 * with O_EXCL semantics ({@link Files#createFile}), which fails when another holder's marker is
 * still there; leaving deletes it. It also counts simultaneous holders and keeps the peak, as
 * Curator's semaphore tests do.
 */
final class ExclusiveGuard {

    private final Path marker;
    private final AtomicInteger holders = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final Queue<String> violations = new ConcurrentLinkedQueue<>();

    ExclusiveGuard(Path marker) {
        this.marker = marker;
    }

    /** Records {@code holder} as inside; an overlap is recorded as a violation, not thrown past the caller. */
    void enter(String holder) {
        peak.accumulateAndGet(holders.incrementAndGet(), Math::max);
        try {
            Files.createFile(marker);
            Files.writeString(marker, holder);
        } catch (FileAlreadyExistsException e) {
            violations.add(holder + " entered while " + currentHolder() + " was inside");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Leaves; only the holder whose marker it is deletes it. */
    void leave(String holder) {
        holders.decrementAndGet();
        try {
            if (holder.equals(currentHolder())) {
                Files.delete(marker);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int peak() {
        return peak.get();
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    private String currentHolder() {
        try {
            return Files.readString(marker);
        } catch (IOException e) {
            return "?"; // deleted in between by its owner
        }
    }
}

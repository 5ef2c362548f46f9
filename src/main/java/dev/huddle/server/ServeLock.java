package dev.huddle.server;

import dev.huddle.core.HuddleException;
import dev.huddle.remote.Discovery;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * One {@code huddle serve} per store (per repository for a shared PostgreSQL store, where it only
 * decides who publishes the discovery file): an advisory lock on {@value #FILE} in the store directory,
 * held for the server's life. The operating system releases it when the process dies, however it
 * dies, so a crashed server never blocks the next one; its discovery file is then stale and gets
 * replaced. The file holds the holder's pid, to name it when the discovery file is not written yet.
 */
final class ServeLock implements AutoCloseable {

    static final String FILE = "serve.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private ServeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of the store in {@code storeDir}, or fails naming the server that holds it. */
    static ServeLock acquire(Path storeDir) {
        return take(storeDir, true).orElseThrow();
    }

    /** The lock when it is free, else empty (another server holds it); other failures as {@link #acquire}. */
    static java.util.Optional<ServeLock> tryAcquire(Path storeDir) {
        return take(storeDir, false);
    }

    private static java.util.Optional<ServeLock> take(Path storeDir, boolean required) {
        try {
            if (!Files.isDirectory(storeDir)) {
                Files.createDirectories(storeDir, directoryMode());
            }
            FileChannel channel = FileChannel.open(storeDir.resolve(FILE), Set.<java.nio.file.OpenOption>of(StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), fileMode());
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = required ? holder(storeDir, channel) : "";
                channel.close();
                if (!required) {
                    return java.util.Optional.empty();
                }
                throw HuddleException.failed("huddle serve is already running for this store (" + holder
                        + "): stop it first, or let clients use it");
            }
            channel.truncate(0).write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            return java.util.Optional.of(new ServeLock(channel, lock));
        } catch (IOException e) {
            throw HuddleException.failed("cannot lock " + storeDir.resolve(FILE) + " to serve this store: " + e.getMessage());
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            // This JVM already serves the store (tests start servers in-process): held all the same.
            return null;
        }
    }

    /** The holder as the lock file and, when it is the same process, the discovery file name it. */
    private static String holder(Path storeDir, FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        var running = Discovery.readAnyway(storeDir).filter(d -> Long.toString(d.pid()).equals(pid));
        if (running.isPresent()) {
            return "pid " + pid + ", " + running.get().url();
        }
        return pid.isEmpty() ? "still starting" : "pid " + pid + ", still starting";
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static FileAttribute<?>[] fileMode() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    private static FileAttribute<?>[] directoryMode() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}

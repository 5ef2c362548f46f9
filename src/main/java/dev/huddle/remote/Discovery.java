package dev.huddle.remote;

import dev.huddle.json.Json;
import dev.huddle.json.MiniJson;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How the CLI, hooks and MCP of the same machine and OS user find a running {@code huddle serve}
 * without copying URLs or tokens (docs/decisions.md, "Huddle server: plumbing"): the server writes
 * {@value #FILE} into the store directory, 0600, holding its URL, its process (id and start time)
 * and a random local credential; it deletes the file when it stops cleanly.
 *
 * <p>{@link #read} is what clients use. It ignores a file that is not a regular file of the
 * current user readable by nobody else (someone else could have planted it to capture requests),
 * and a stale one: its process is gone, or the id now belongs to another process (start time
 * differs). It never takes the server's lock, so reading cannot make a starting server fail.
 * It lives in the main jar, apart from the server (which only {@code serve} loads): the cold CLI
 * reads it without loading any HTTP server class.
 */
public record Discovery(URI url, long pid, Optional<Instant> processStart, String credential) {

    public static final String FILE = "server.json";

    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

    /** A new record for this process, with a fresh credential (256 random bits). */
    public static Discovery forThisProcess(URI url) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        ProcessHandle self = ProcessHandle.current();
        return new Discovery(url, self.pid(), self.info().startInstant(),
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The running server of the store in {@code storeDir}, if there is one whose file can be trusted. */
    public static Optional<Discovery> read(Path storeDir) {
        Path file = storeDir.resolve(FILE);
        if (!trustworthy(file)) {
            return Optional.empty();
        }
        return parse(file).filter(Discovery::alive);
    }

    /** The file's content whatever its process's state and the file's mode (to name a running server in a refusal). */
    public static Optional<Discovery> readAnyway(Path storeDir) {
        return parse(storeDir.resolve(FILE));
    }

    /** Whether {@code presented} is this server's credential; constant time in its content. */
    public boolean accepts(String presented) {
        return presented != null && MessageDigest.isEqual(credential.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the process that wrote the file still runs (the same process, not a reuse of its id). */
    boolean alive() {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        Optional<Instant> started = process.get().info().startInstant();
        return processStart.isEmpty() || started.isEmpty() || started.get().equals(processStart.get());
    }

    /** Writes the file atomically (a 0600 temporary file renamed over any old one); the server calls it. */
    public void write(Path storeDir) throws IOException {
        Path tmp = storeDir.resolve(FILE + "." + pid + ".tmp");
        Files.deleteIfExists(tmp);
        try (SeekableByteChannel out = Files.newByteChannel(tmp, Set.<java.nio.file.OpenOption>of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), attributes())) {
            if (posix()) {
                // Again after creation: the umask may have taken bits away, never added them, but be exact.
                Files.setPosixFilePermissions(tmp, PRIVATE);
            }
            out.write(ByteBuffer.wrap(Json.pretty(json()).getBytes(StandardCharsets.UTF_8)));
        }
        Files.move(tmp, storeDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Deletes the file if it is still this record's (a newer server may have replaced it). */
    public void removeIfOurs(Path storeDir) throws IOException {
        Optional<Discovery> current = readAnyway(storeDir);
        if (current.isPresent() && current.get().pid == pid && current.get().credential.equals(credential)) {
            Files.deleteIfExists(storeDir.resolve(FILE));
        }
    }

    private Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", url.toString());
        m.put("pid", pid);
        m.put("process_start", processStart.map(Instant::toString).orElse(null));
        m.put("credential", credential);
        return m;
    }

    private static Optional<Discovery> parse(Path file) {
        try {
            // MiniJson, not jackson: clients read this file cold (every command and hook through the
            // server), where jackson's first use costs ~20 ms.
            Map<String, Object> m = MiniJson.readObject(Files.readString(file));
            Object url = m.get("url");
            Object pid = m.get("pid");
            Object credential = m.get("credential");
            if (!(url instanceof String u) || !(pid instanceof Number p) || !(credential instanceof String c)) {
                return Optional.empty();
            }
            Object start = m.get("process_start");
            return Optional.of(new Discovery(URI.create(u), p.longValue(),
                    start instanceof String s ? Optional.of(Instant.parse(s)) : Optional.empty(), c));
        } catch (IOException | RuntimeException unreadable) {
            // Missing, half-written by a crashed writer, or not ours: no server to find through it.
            return Optional.empty();
        }
    }

    private static boolean trustworthy(Path file) {
        try {
            if (!posix()) {
                return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
            }
            OptionalInt me = currentUid();
            if (me.isPresent()) {
                // Numeric ids: a file owner's name would be looked up in the user database (NSS), ~10 ms cold.
                Map<String, Object> a = Files.readAttributes(file, "unix:isRegularFile,mode,uid", LinkOption.NOFOLLOW_LINKS);
                return Boolean.TRUE.equals(a.get("isRegularFile")) && ((Integer) a.get("mode") & 0177) == 0
                        && ((Integer) a.get("uid")) == me.getAsInt();
            }
            PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() && PRIVATE.containsAll(a.permissions()) && isCurrentUser(a.owner());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** This process's user id, where the system shows it ({@code /proc/self} is owned by it on Linux). */
    private static OptionalInt currentUid() {
        try {
            return OptionalInt.of((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | RuntimeException notLinux) {
            return OptionalInt.empty();
        }
    }

    private static boolean isCurrentUser(UserPrincipal owner) throws IOException {
        UserPrincipal me = FileSystems.getDefault().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        return owner.equals(me);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static java.nio.file.attribute.FileAttribute<?>[] attributes() {
        return posix() ? new java.nio.file.attribute.FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PRIVATE)}
                : new java.nio.file.attribute.FileAttribute<?>[0];
    }

    @Override
    public String toString() {
        // The credential stays out of logs and messages.
        return "Discovery[" + url + ", pid " + pid + "]";
    }
}

package dev.huddle.testing;

import dev.huddle.store.postgres.PostgresUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, for faults the shared server must not suffer (a real
 * restart, a crash): a cluster made by this machine's {@code initdb} in the test's directory,
 * listening on 127.0.0.1 only at a free port, trust authentication, {@code fsync} and
 * {@code synchronous_commit} on (what a crash may keep is the point) and small buffers. It can be
 * stopped ({@code pg_ctl stop -m fast|immediate}) and started again on the same data and port.
 * {@link #close} stops it (use try-with-resources); the directory goes with the test's {@code @TempDir}.
 * PostgreSQL refuses to run as root, so under root the binaries run as user {@code postgres}
 * ({@code runuser}), who owns the server's directory and may pass through the ones above it.
 * Without the binaries (or that user under root) the test skips, or fails under CI=true.
 */
public final class PrivatePostgres implements AutoCloseable {

    private static final Path VERSIONS = Path.of("/usr/lib/postgresql");
    private static final long COMMAND_SECONDS = 120;

    private final Path bin;
    private final Path home;
    private final int port;
    private final List<String> asOwner;
    private boolean running;

    private PrivatePostgres(Path bin, Path home, int port, List<String> asOwner) {
        this.bin = bin;
        this.home = home;
        this.port = port;
        this.asOwner = asOwner;
    }

    /** A new cluster in {@code home} (made here, under a {@code @TempDir}), started; stopped again on failure. */
    public static PrivatePostgres start(Path home) {
        Optional<Path> bin = binaries();
        Prerequisite.require(bin.isPresent(), "PostgreSQL server binaries (initdb, pg_ctl under " + VERSIONS + "/*/bin)");
        boolean root = "root".equals(System.getProperty("user.name"));
        Prerequisite.require(!root || hasUser("postgres"), "user postgres to run a private PostgreSQL server as");
        PrivatePostgres server;
        try {
            Files.createDirectories(home);
            server = new PrivatePostgres(bin.get(), home, freePort(),
                    root ? List.of("runuser", "-u", "postgres", "--") : List.of());
            if (root) {
                UserPrincipal postgres = home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.getFileAttributeView(home, PosixFileAttributeView.class).setOwner(postgres);
                passable(home.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + home + " for a private PostgreSQL server", e);
        }
        try {
            server.init();
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Lets others pass through {@code dir}, the {@code @TempDir} (search only, no listing); /tmp above it lets them. */
    private static void passable(Path dir) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
        if (permissions.add(PosixFilePermission.OTHERS_EXECUTE)) {
            Files.setPosixFilePermissions(dir, permissions);
        }
    }

    /** The newest installed version's bin directory that has both initdb and pg_ctl. */
    private static Optional<Path> binaries() {
        if (!Files.isDirectory(VERSIONS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(VERSIONS)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> version(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static double version(String name) {
        try {
            return Double.parseDouble(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean hasUser(String user) {
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith(user + ":"));
        } catch (IOException e) {
            return false;
        }
    }

    /** A port nobody listens on now; the server takes it a moment later (a race we accept in tests). */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void init() {
        pg("initdb", "-D", data().toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
        // --no-sync only skips flushing initdb's own files; the server below runs with fsync on.
        String settings = String.join("\n", "", "listen_addresses = '127.0.0.1'", "port = " + port,
                "unix_socket_directories = '" + home + "'", "fsync = on", "synchronous_commit = on",
                "full_page_writes = on", "shared_buffers = 16MB", "max_connections = 60", "logging_collector = off", "");
        try {
            Files.writeString(data().resolve("postgresql.conf"), settings, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure the private PostgreSQL server", e);
        }
    }

    /** Starts the server on its data and port (again, after {@link #stop}), waiting until it accepts sessions. */
    public void start() {
        pg("pg_ctl", "-D", data().toString(), "-l", home.resolve("server.log").toString(), "-w", "-t", "60", "start");
        running = true;
    }

    /**
     * Stops the server: {@code fast} ends sessions and checkpoints; {@code immediate} kills every
     * server process at once, as a crash does, so the next start runs crash recovery from the WAL.
     */
    public void stop(String mode) {
        pg("pg_ctl", "-D", data().toString(), "-m", mode, "-w", "-t", "60", "stop");
        running = false;
    }

    /** {@code postgresql://postgres@127.0.0.1:PORT/DATABASE}. */
    public PostgresUrl url(String database) {
        return PostgresUrl.parse("postgresql://postgres@127.0.0.1:" + port + "/" + database);
    }

    /** Creates {@code database} and returns its URL. */
    public PostgresUrl createDatabase(String database) {
        try (Connection c = PostgresDatabases.connect(url("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + database + " on the private server: " + e.getMessage(), e);
        }
        return url(database);
    }

    /** The server's log, for a failure message. */
    public String log() {
        try {
            return Files.readString(home.resolve("server.log"));
        } catch (IOException e) {
            return "(no server log: " + e.getMessage() + ")";
        }
    }

    private Path data() {
        return home.resolve("data");
    }

    private void pg(String program, String... args) {
        List<String> command = new ArrayList<>(asOwner);
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            // Read while it runs: pg_ctl start's server inherits nothing of ours (it writes to its log), so EOF comes.
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(program + " did not finish within " + COMMAND_SECONDS + " s: " + output);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ": " + output
                        + (Files.exists(home.resolve("server.log")) ? "\n--- server log\n" + log() : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + program, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + program, e);
        }
    }

    /** Stops the server if it runs, at once: its data goes with the test's directory. */
    @Override
    public void close() {
        if (running) {
            stop("immediate");
        }
    }
}

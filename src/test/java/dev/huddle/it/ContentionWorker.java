package dev.huddle.it;

import dev.huddle.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One contending agent as its own OS process: {@code cycles} times {@code huddle lock R --wait},
 * enter a guard shared by all processes, leave it, {@code huddle unlock R}. Each command runs the
 * real CLI code ({@link Main#execute}) with a fresh store connection, as a separate CLI process
 * would, without paying a JVM start per command. The guard is a marker file created with O_EXCL
 * semantics: creating it while another holder's marker exists means two holders overlapped.
 *
 * <p>Arguments: db (a file path or a PostgreSQL URL, as {@code HUDDLE_DB} takes it, or {@code -} for
 * the server in this process's {@code HUDDLE_URL}, with its {@code HUDDLE_TOKEN}), agent,
 * cycles, marker, resources (comma-separated; cycle c uses entry (offset + c) mod n), offset,
 * and optionally a start file: the first cycle waits until it exists, so processes that took
 * different times to start contend from one moment. Prints
 * {@code cycles=N violations=V unexpected=U} and the details. Commands run in the marker's
 * directory, the test's own, whichever store they reach.
 */
public final class ContentionWorker {

    public static void main(String[] args) throws Exception {
        String db = args[0];
        String agent = args[1];
        int cycles = Integer.parseInt(args[2]);
        Path marker = Path.of(args[3]);
        List<String> resources = List.of(args[4].split(","));
        int offset = Integer.parseInt(args[5]);
        // "-": through a server, named by this process's HUDDLE_URL and HUDDLE_TOKEN (one token per agent).
        Map<String, String> env = db.equals("-")
                ? Map.of("HUDDLE_URL", System.getenv("HUDDLE_URL"), "HUDDLE_TOKEN", System.getenv("HUDDLE_TOKEN"))
                : Map.of("HUDDLE_DB", db);
        if (args.length > 6) {
            awaitStart(Path.of(args[6]));
        }
        int done = 0;
        int violations = 0;
        StringBuilder unexpected = new StringBuilder();
        for (int c = 0; c < cycles; c++) {
            String resource = resources.get((offset + c) % resources.size());
            int lock = run(env, marker.getParent(), "lock", resource, "--agent", agent, "--wait", "2m", "--ttl", "10m");
            if (lock != 0) {
                unexpected.append(" lock ").append(resource).append("->").append(lock);
                continue;
            }
            try {
                Files.createFile(marker);
            } catch (FileAlreadyExistsException e) {
                violations++;
            }
            Thread.sleep(1);
            Files.deleteIfExists(marker);
            int unlock = run(env, marker.getParent(), "unlock", resource, "--agent", agent);
            if (unlock != 0) {
                unexpected.append(" unlock ").append(resource).append("->").append(unlock);
            }
            done++;
        }
        System.out.println("cycles=" + done + " violations=" + violations + " unexpected=" + unexpected.length()
                + unexpected);
    }

    private static void awaitStart(Path start) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
        while (!Files.exists(start)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no start signal at " + start);
            }
            Thread.sleep(5);
        }
    }

    private static int run(Map<String, String> env, Path cwd, String... args) {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        return Main.execute(args, env, cwd, new ByteArrayInputStream(new byte[0]), sink, sink);
    }
}

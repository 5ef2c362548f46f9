package dev.huddle.cli;

import dev.huddle.core.HuddleException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the {@code huddle} launcher is, for the commands that write it into other programs'
 * configuration (agent hooks, git hooks): {@code HUDDLE_LAUNCHER} when set, else {@code bin/huddle}
 * of the checkout this jar was built in ({@code <root>/target/huddle.jar}), as a real path, so
 * the hooks keep working wherever the agent program starts them.
 */
public final class Launcher {

    private Launcher() {}

    /**
     * The launcher's absolute path.
     *
     * @throws HuddleException naming where it looked and how to say where it is
     */
    public static String locate(Invocation inv) {
        Optional<String> named = inv.env("HUDDLE_LAUNCHER");
        if (named.isPresent()) {
            Path p = Path.of(named.get());
            if (!p.isAbsolute() || !Files.isExecutable(p)) {
                throw HuddleException.failed("HUDDLE_LAUNCHER=" + named.get() + " is not an absolute path of an executable file");
            }
            return p.normalize().toString();
        }
        Path bin = checkout().resolve("bin").resolve("huddle");
        if (!Files.isExecutable(bin)) {
            throw HuddleException.failed("cannot tell where the huddle launcher is (no executable " + bin
                    + "); set HUDDLE_LAUNCHER to its absolute path");
        }
        try {
            return bin.toRealPath().toString();
        } catch (IOException e) {
            throw HuddleException.failed("cannot resolve " + bin + ": " + e.getMessage());
        }
    }

    /** The directory above {@code target/} that holds the running jar (or classes). */
    private static Path checkout() {
        try {
            Path code = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = code.getParent();
            return target == null || target.getParent() == null ? code : target.getParent();
        } catch (URISyntaxException | RuntimeException e) {
            throw HuddleException.failed("cannot tell where huddle runs from (" + e.getMessage()
                    + "); set HUDDLE_LAUNCHER to the launcher's absolute path");
        }
    }
}

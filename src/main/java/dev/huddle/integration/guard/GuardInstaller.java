package dev.huddle.integration.guard;

import dev.huddle.core.HuddleException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Installs and removes the guard's hooks in a hooks directory. A hook that is there already is
 * never replaced: it is renamed to {@code <hook>.huddle-chained} (a rename moves a symbolic link
 * itself, so nothing is written through one) and Huddle's hook calls it first. Installing again
 * changes nothing; uninstalling deletes Huddle's hooks and renames the chained ones back.
 */
public final class GuardInstaller {

    /** What happened to one hook. */
    public record Outcome(String hook, Path file, Action action, boolean chained) {}

    /** The kinds of change. */
    public enum Action {
        INSTALLED, UPDATED, UNCHANGED, REMOVED, RESTORED, NOT_INSTALLED, LEFT_ALONE;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    private GuardInstaller() {}

    public static List<Outcome> install(Path hooksDir, String launcher, boolean dryRun) {
        List<Outcome> out = new ArrayList<>();
        for (String hook : HookScript.HOOKS) {
            Path file = hooksDir.resolve(hook);
            Path chained = hooksDir.resolve(hook + HookScript.CHAINED_SUFFIX);
            String script = HookScript.of(hook, launcher);
            boolean exists = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
            boolean ours = exists && !Files.isSymbolicLink(file) && HookScript.isHuddles(read(file));
            boolean hasChained = Files.exists(chained, LinkOption.NOFOLLOW_LINKS);
            if (ours) {
                boolean same = read(file).equals(script);
                if (!same && !dryRun) {
                    write(file, script);
                }
                out.add(new Outcome(hook, file, same ? Action.UNCHANGED : Action.UPDATED, hasChained));
                continue;
            }
            if (exists && hasChained) {
                throw HuddleException.failed("both " + file + " and " + chained + " exist and " + file
                        + " is not Huddle's: merge them by hand, then run 'huddle guard install' again; nothing was changed");
            }
            if (!dryRun) {
                try {
                    Files.createDirectories(hooksDir);
                    if (exists) {
                        Files.move(file, chained, StandardCopyOption.ATOMIC_MOVE);
                    }
                } catch (IOException e) {
                    throw HuddleException.failed("cannot set up " + file + ": " + e.getMessage());
                }
                write(file, script);
            }
            out.add(new Outcome(hook, file, Action.INSTALLED, exists || hasChained));
        }
        return out;
    }

    public static List<Outcome> uninstall(Path hooksDir, boolean dryRun) {
        List<Outcome> out = new ArrayList<>();
        for (String hook : HookScript.HOOKS) {
            Path file = hooksDir.resolve(hook);
            Path chained = hooksDir.resolve(hook + HookScript.CHAINED_SUFFIX);
            boolean exists = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
            boolean ours = exists && !Files.isSymbolicLink(file) && HookScript.isHuddles(read(file));
            boolean hasChained = Files.exists(chained, LinkOption.NOFOLLOW_LINKS);
            if (exists && !ours) {
                out.add(new Outcome(hook, file, Action.LEFT_ALONE, hasChained));
                continue;
            }
            if (!exists && !hasChained) {
                out.add(new Outcome(hook, file, Action.NOT_INSTALLED, false));
                continue;
            }
            if (!dryRun) {
                try {
                    Files.deleteIfExists(file);
                    if (hasChained) {
                        Files.move(chained, file, StandardCopyOption.ATOMIC_MOVE);
                    }
                } catch (IOException e) {
                    throw HuddleException.failed("cannot restore " + file + ": " + e.getMessage());
                }
            }
            out.add(new Outcome(hook, file, hasChained ? Action.RESTORED : Action.REMOVED, hasChained));
        }
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return ""; // unreadable (binary, permissions): not Huddle's
        }
    }

    /** Writes an executable hook by renaming a new file over the old one. */
    private static void write(Path file, String script) {
        Path temp = file.resolveSibling("." + file.getFileName() + ".huddle-" + UUID.randomUUID());
        try {
            Files.writeString(temp, script, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw HuddleException.failed("cannot write " + file + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignore) {
                // the rename took it, or it was never created
            }
        }
    }
}

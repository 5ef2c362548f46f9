package dev.huddle.server;

import dev.huddle.boot.StoreLocation;
import dev.huddle.core.HuddleException;
import dev.huddle.hook.Payload;
import dev.huddle.json.MiniJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a hook call's paths are, seen from the server's repository (docs/decisions.md, "Command
 * hooks through the server"). On the file, a hook's repository is the one it runs in, and a path
 * outside it is none of Huddle's business. The server has one repository root: a hook of a linked
 * worktree of the same repository (same git common directory, same store) names its files under
 * its own worktree, which the server would read as outside its repository and let through. So its
 * paths are moved to the server's root first (a worktree's {@code src/a.py} is the repository's
 * {@code src/a.py}, as leases are shared between worktrees); a hook running in another repository
 * altogether is refused, since the server cannot check its edits.
 */
final class HookPlaces {

    /** The payload and working directory as the server's workspace reads them. */
    record Placed(Payload payload, Path cwd) {}

    private final Path root;
    private final Path common;

    private HookPlaces(Path root, Path common) {
        this.root = root;
        this.common = common;
    }

    /** For a server whose workspace root is {@code root}; null: unknown, nothing is moved or refused. */
    static HookPlaces of(Path root) {
        if (root == null) {
            return new HookPlaces(null, null);
        }
        Path r = root.toAbsolutePath().normalize();
        return new HookPlaces(r, commonDir(r));
    }

    /** The call as the server reads it; throws when it runs in a repository that is not the server's. */
    Placed place(Payload payload, String raw, Path cwd) {
        if (root == null || cwd == null) {
            return new Placed(payload, cwd);
        }
        Path here = cwd.toAbsolutePath().normalize();
        if (here.startsWith(root)) {
            return new Placed(payload, cwd);
        }
        Path worktree = worktreeOf(here);
        if (worktree != null && common != null && common.equals(commonDir(worktree))) {
            Map<String, Object> fields = MiniJson.readObject(raw);
            @SuppressWarnings("unchecked")
            Map<String, Object> moved = (Map<String, Object>) move(fields, pattern(worktree), root.toString());
            return new Placed(Payload.of(moved), root.resolve(worktree.relativize(here)));
        }
        throw HuddleException.failed("this hook runs in " + here + ", which is not in the repository this huddle serve"
                + " serves (" + root + "), so its edits cannot be checked there; point HUDDLE_URL (or the hooks' URL) at"
                + " the server of that repository, or unset it");
    }

    /** The worktree path as a whole path (not the start of a longer name), where it appears in a string. */
    private static Pattern pattern(Path worktree) {
        return Pattern.compile(Pattern.quote(worktree.toString()) + "(?=$|[/\\s'\";&|()<>`])");
    }

    private static Object move(Object value, Pattern from, String to) {
        return switch (value) {
            case String s -> from.matcher(s).replaceAll(Matcher.quoteReplacement(to));
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put((String) k, move(v, from, to)));
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>();
                l.forEach(v -> out.add(move(v, from, to)));
                yield out;
            }
            case null -> null;
            default -> value;
        };
    }

    /** The nearest directory at or above {@code dir} holding a {@code .git}; null if none. */
    private static Path worktreeOf(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return d;
            }
        }
        return null;
    }

    private static Path commonDir(Path worktree) {
        Path dotGit = worktree.resolve(".git");
        if (!Files.exists(dotGit)) {
            return null;
        }
        try {
            return StoreLocation.commonDir(dotGit).toAbsolutePath().normalize();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}

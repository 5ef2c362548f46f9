package dev.huddle.app.lease;

import dev.huddle.core.HuddleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Where a spelling really leads, found component by component as the kernel finds it (POSIX
 * path resolution): a symbolic link is replaced by its target (relative targets from the link's
 * directory), {@code ..} goes to the parent of the real directory reached so far (so after a link,
 * to the parent of the link's target), and once a component does not exist the rest is appended
 * as written, {@code ..} then removing the name before it. A dangling link is followed to where it
 * points. One {@code lstat} per component, no directory listing.
 */
final class RealPath {

    /** Links followed for one spelling before it is taken for a loop, as Linux's ELOOP limit. */
    static final int MAX_LINKS = 40;

    /** A link followed on the way, with where it points, for telling a user why a spelling leads out. */
    record Hop(Path link, Path target) {}

    /** The real location and the last link followed whose target lies outside {@code root} (null: none). */
    record Walked(Path location, Hop outward) {}

    private RealPath() {}

    /**
     * Resolves the absolute {@code spelling}; {@code followLast} says whether a link in the last
     * component is followed (opening a file does; naming a directory entry does not).
     *
     * @param root the repository's real path, only to remember which link leads out of it
     * @throws HuddleException invalid input when the links loop
     */
    static Walked walk(String spelling, boolean followLast, Path root) {
        Deque<String> todo = new ArrayDeque<>(List.of(spelling.split("/")));
        Path at = Path.of("/");
        boolean exists = true;
        Hop outward = null;
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.pollFirst();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                at = at.getParent() == null ? at : at.getParent();
                // Back out of names that do not exist: what follows may exist again, links included.
                exists = exists || lstat(at) != null;
                continue;
            }
            Path next = at.resolve(name);
            BasicFileAttributes attrs = exists ? lstat(next) : null;
            exists = attrs != null;
            if (!exists || !attrs.isSymbolicLink() || (todo.isEmpty() && !followLast)) {
                at = next;
                continue;
            }
            if (++links > MAX_LINKS) {
                throw HuddleException.invalid("'" + spelling + "' goes through more than " + MAX_LINKS
                        + " symbolic links (a loop?), the last at " + next + "; fix the links or name the real path");
            }
            String target = target(next);
            Path lands = at.resolve(target).normalize();
            if (!lands.startsWith(root)) {
                outward = new Hop(next, Path.of(target));
            }
            List<String> parts = List.of(target.split("/"));
            for (int k = parts.size() - 1; k >= 0; k--) {
                todo.addFirst(parts.get(k));
            }
            if (target.startsWith("/")) {
                at = Path.of("/");
            }
        }
        return new Walked(at, outward);
    }

    /** The entry's own attributes, or null when it does not exist (or a component is not a directory). */
    private static BasicFileAttributes lstat(Path p) {
        try {
            // Absent is a common answer (a file about to be written), and an exception per absent
            // entry cost more than the look itself: asked so that absent is null.
            return p.getFileSystem().provider().readAttributesIfExists(p, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw HuddleException.invalid("cannot read the symbolic link " + link + ": " + e.getMessage());
        }
    }
}

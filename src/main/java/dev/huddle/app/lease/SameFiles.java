package dev.huddle.app.lease;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.Conflict;
import dev.huddle.core.lease.GlobParts;
import dev.huddle.core.lease.Lease;
import dev.huddle.core.lease.LeaseMode;
import dev.huddle.core.lease.LeaseRules;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.lease.Resource.GlobResource;
import dev.huddle.core.lease.Resource.PathResource;
import dev.huddle.core.lease.ResourceOverlap;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Hard links: two names of one file (same device and inode) are one resource, which no spelling
 * rule can see. Where a request or an edit meets another holder's lease that its text does not
 * intersect, the files are compared: a file with more than one link against the leased file, or
 * the files under a leased directory or glob (docs/decisions.md "Paths through the file system").
 *
 * <p>Cost: one {@code stat} of each wanted file; nothing more unless it has more than one link
 * (or the request is a directory or glob and another holder's leased file has). Directories and
 * globs are scanned for file identities within {@value #MAX_ENTRIES} entries each; beyond that
 * their other names are not searched. Not thread-safe: one instance per use case call.
 */
public final class SameFiles {

    static final int MAX_ENTRIES = 20_000;

    private final Path root;
    private final boolean folds;
    private final Map<PathResource, Stat> stats = new HashMap<>();
    private final Map<Resource, Set<Object>> scanned = new HashMap<>();

    SameFiles(Path root, boolean folds) {
        this.root = root;
        this.folds = folds;
    }

    /**
     * The conflicts a lock request has through hard links only: with other holders' incompatible
     * leases that {@link LeaseRules#conflicts} does not already report.
     */
    public List<Conflict> conflicts(AgentId requester, List<Resource> wanted, LeaseMode mode, List<Lease> live) {
        List<Conflict> found = new ArrayList<>();
        for (Resource w : wanted) {
            for (Lease held : live) {
                if (!held.holder().equals(requester) && !mode.compatibleWith(held.mode()) && shareAFile(w, held.resource())) {
                    found.add(new Conflict(w, held));
                }
            }
        }
        return found;
    }

    /**
     * Whether any of {@code wanted} can share a file with a lease whose text it does not meet: a
     * pattern, a directory, or a file with more than one link. A file with one link has no other
     * name, so only leases on, above or below its own name can cover it.
     */
    public boolean mayShare(List<Resource> wanted) {
        for (Resource w : wanted) {
            if (w instanceof GlobResource) {
                return true;
            }
            if (w instanceof PathResource p) {
                Stat s = stat(p);
                if (s.directory() || s.linkedKey() != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * What stops {@code agent} (anyone, when empty) from editing {@code path}: other holders' live
     * exclusive leases over it by name ({@link LeaseRules#editBlockers}) or through a hard link.
     */
    public List<Conflict> editBlockers(Optional<AgentId> agent, Resource path, List<Lease> live) {
        List<Conflict> found = new ArrayList<>(LeaseRules.editBlockers(agent, path, live));
        for (Lease held : live) {
            if ((agent.isEmpty() || !held.holder().equals(agent.get())) && held.mode() == LeaseMode.EXCLUSIVE
                    && shareAFile(path, held.resource())) {
                found.add(new Conflict(path, held));
            }
        }
        return found;
    }

    /**
     * Whether two resources whose texts do not intersect cover one file under two names: a file
     * with more than one link and the same file under the other name, or under the other's
     * directory or glob. Two directories or globs are not compared (it would take two scans).
     */
    public boolean shareAFile(Resource a, Resource b) {
        if (a instanceof Resource.NamedResource || b instanceof Resource.NamedResource || ResourceOverlap.intersects(a, b)) {
            return false;
        }
        Object fileA = linkedFile(a);
        if (fileA != null) {
            Object fileB = linkedFile(b);
            return fileB != null ? fileA.equals(fileB) : files(b).contains(fileA);
        }
        Object fileB = linkedFile(b);
        return fileB != null && files(a).contains(fileB);
    }

    /** The identity of the file a path names when it is a regular file with more than one link; else null. */
    private Object linkedFile(Resource r) {
        if (!(r instanceof PathResource p)) {
            return null;
        }
        Stat s = stat(p);
        return s.directory() ? null : s.linkedKey();
    }

    /** The identities of the files under a directory path or a glob (within the bound). */
    private Set<Object> files(Resource r) {
        Set<Object> known = scanned.get(r);
        if (known == null) {
            // An if-chain, not a pattern switch: this runs on the hook's path (docs/decisions.md, start-up cost).
            if (r instanceof PathResource p) {
                known = stat(p).directory() ? scan(root.resolve(p.path()), null) : Set.of();
            } else if (r instanceof GlobResource g) {
                known = scan(g);
            } else {
                known = Set.of();
            }
            scanned.put(r, known);
        }
        return known;
    }

    private record Stat(boolean directory, Object linkedKey) {}

    private Stat stat(PathResource p) {
        Stat known = stats.get(p);
        if (known == null) {
            known = new Stat(false, null);
            try {
                // A lock's files are often not written yet, and this runs in the writers' transaction:
                // absent is asked without an exception (its stack trace cost more than the look).
                Path file = root.resolve(p.path());
                BasicFileAttributes attrs = file.getFileSystem().provider().readAttributesIfExists(file,
                        BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attrs != null) {
                    boolean linked = attrs.isRegularFile()
                            && ((Integer) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)) > 1;
                    known = new Stat(attrs.isDirectory(), linked ? attrs.fileKey() : null);
                }
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                // missing, or a file system that cannot tell: no hard link known
            }
            stats.put(p, known);
        }
        return known;
    }

    private Set<Object> scan(GlobResource g) {
        List<String> literal = new ArrayList<>();
        List<String> segments = GlobParts.segments(g.pattern());
        for (int i = 0; i < segments.size() - 1 && !GlobParts.isWild(segments.get(i)); i++) {
            literal.add(GlobParts.unescape(segments.get(i)));
        }
        Path start = root.resolve(String.join("/", literal));
        return Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS) ? scan(start, g) : Set.of();
    }

    /** File identities below {@code start} (matching {@code glob}, when given), within the bound. */
    private Set<Object> scan(Path start, GlobResource glob) {
        Set<Object> keys = new HashSet<>();
        int[] seen = {0};
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return ++seen[0] > MAX_ENTRIES ? FileVisitResult.TERMINATE
                            : dir.equals(root.resolve(".git")) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && attrs.fileKey() != null && (glob == null || matches(glob, file))) {
                        keys.add(attrs.fileKey());
                    }
                    return ++seen[0] > MAX_ENTRIES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return keys;
        }
        return keys;
    }

    private boolean matches(GlobResource glob, Path file) {
        String rel = root.relativize(file).toString();
        return glob.wildmatch().matches(folds ? rel.toLowerCase(Locale.ROOT) : rel);
    }
}

package dev.huddle.app.lease;

import dev.huddle.core.HuddleException;
import dev.huddle.core.lease.GlobParts;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.lease.Resource.GlobResource;
import dev.huddle.core.lease.ResourceOverlap;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a glob reaches through symbolic links, so that its lease covers the files it matches by
 * any spelling (docs/decisions.md "Paths through the file system"). The directories the glob's
 * wildcards can reach are scanned for links: a link the glob matches that leads to a file adds
 * that file; a link to a directory below which the glob matches adds the directory's real path
 * followed by what the glob matches below the link ({@link GlobParts#below}), itself scanned in
 * turn. The expansion is exact; where it cannot be had, the glob is refused with what to lock.
 *
 * <p>Bounds: at most {@value #MAX_ENTRIES} directory entries are looked at per glob, and at most
 * {@value #MAX_IMPLIED} resources added; {@code .git} at the root is not entered, and {@code **}
 * (which covers every location in the repository anyway) is not scanned. Links leading out of the
 * repository are not followed: nothing there can be leased.
 */
final class GlobLinks {

    static final int MAX_ENTRIES = 50_000;
    static final int MAX_IMPLIED = 64;

    private final ResourceResolver resolver;
    private int entries;

    GlobLinks(ResourceResolver resolver) {
        this.resolver = resolver;
    }

    /** The resources {@code glob} reaches through links besides itself, for the user's {@code input}. */
    List<Resource> reached(String input, GlobResource glob) {
        Set<Resource> implied = new LinkedHashSet<>();
        Deque<GlobResource> todo = new ArrayDeque<>(List.of(glob));
        Set<String> scanned = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            GlobResource g = todo.pollFirst();
            if (g.pattern().equals("**") || !scanned.add(g.pattern())) {
                continue;
            }
            for (String link : links(input, g)) {
                for (Resource r : through(input, g, link)) {
                    if (!r.equals(glob) && implied.add(r) && r instanceof GlobResource more) {
                        todo.add(more);
                    }
                }
            }
            if (implied.size() > MAX_IMPLIED) {
                throw HuddleException.invalid("glob '" + input + "' reaches more than " + MAX_IMPLIED
                        + " places through symbolic links; lock narrower globs or the directories themselves");
            }
        }
        return new ArrayList<>(implied);
    }

    /** The repo-relative links whose location or subtree {@code g} can match. */
    private List<String> links(String input, GlobResource g) {
        Path start = resolver.root().resolve(literalPrefix(g.pattern()));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    count(input);
                    Optional<String> rel = resolver.relative(dir);
                    if (dir.equals(start) || rel.isEmpty()) {
                        return FileVisitResult.CONTINUE;
                    }
                    return rel.get().equals(".git") || !reaches(g, rel.get())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    count(input);
                    if (attrs.isSymbolicLink()) {
                        resolver.relative(file).filter(rel -> reaches(g, rel)).ifPresent(found::add);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // unreadable: nothing can be learnt there
                }
            });
        } catch (IOException e) {
            throw HuddleException.invalid("glob '" + input + "': cannot scan " + start + " for symbolic links: " + e.getMessage());
        }
        return found;
    }

    /** What {@code g} reaches through the link at {@code link}: its target, or the target's part the glob matches. */
    private List<Resource> through(String input, GlobResource g, String link) {
        RealPath.Walked walked = RealPath.walk(resolver.root().resolve(link).toString(), true, resolver.root());
        Optional<String> target = resolver.relative(walked.location());
        if (target.isEmpty()) {
            return List.of();
        }
        String folded = resolver.fold(link);
        if (!Files.isDirectory(walked.location())) {
            return g.wildmatch().matches(folded) && !target.get().isEmpty()
                    ? List.of(resolver.literal(target.get())) : List.of();
        }
        List<Resource> out = new ArrayList<>();
        String base = target.get().isEmpty() ? "" : GlobParts.escape(resolver.fold(target.get())) + "/";
        for (String below : GlobParts.below(g.pattern(), folded)) {
            try {
                out.add(Resource.fromText(base + below));
            } catch (HuddleException e) {
                throw HuddleException.invalid("glob '" + input + "' cannot be decided through the symbolic link "
                        + link + " (to " + target.get() + "): " + e.getMessage() + "; lock what it should cover below "
                        + target.get() + " as well, or instead");
            }
        }
        return out;
    }

    /** Whether {@code g} can match {@code rel} or anything below it. */
    private boolean reaches(GlobResource g, String rel) {
        try {
            return ResourceOverlap.intersects(g, resolver.literal(rel));
        } catch (HuddleException e) {
            return false; // a name no resource can hold (a control character): no lease covers it either
        }
    }

    private void count(String input) {
        if (++entries > MAX_ENTRIES) {
            throw HuddleException.invalid("glob '" + input + "' cannot be checked for symbolic links: its wildcards"
                    + " reach more than " + MAX_ENTRIES + " entries; lock narrower globs, or directories (which need no scan)");
        }
    }

    /** The directories before the first wildcard, unescaped: where the glob's matches can start. */
    private static String literalPrefix(String pattern) {
        List<String> segments = GlobParts.segments(pattern);
        List<String> literal = new ArrayList<>();
        for (int i = 0; i < segments.size() - 1 && !GlobParts.isWild(segments.get(i)); i++) {
            literal.add(GlobParts.unescape(segments.get(i)));
        }
        return String.join("/", literal);
    }
}

package dev.huddle.app.session;

import dev.huddle.app.Workspace;
import dev.huddle.app.lease.ResourceResolver;
import dev.huddle.core.edit.EditTarget;
import dev.huddle.core.lease.Resource;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a tool call's write targets into the repository resources to check: relative targets are
 * read from the directory the call ran in, a destination directory stands for the entries written
 * into it, and each path goes to where the write really lands ({@link ResourceResolver#target}:
 * through symbolic links, {@code ..} after a link, the repository itself as {@code **}). A target
 * landing outside the repository (or at a name no lease could ever cover) is set aside as
 * unchecked: no lease can cover it, so it never blocks.
 */
final class EditPaths {

    /** The resources to check, in order and without duplicates, and the targets set aside. */
    record Resolved(List<Resource> resources, List<String> unchecked) {}

    private final Workspace workspace;
    private final ResourceResolver resolver;

    EditPaths(Workspace workspace, ResourceResolver resolver) {
        this.workspace = workspace;
        this.resolver = resolver;
    }

    Resolved resolve(Path base, List<EditTarget> targets) {
        Path from = base == null ? workspace.cwd() : workspace.cwd().resolve(base);
        Set<Resource> resources = new LinkedHashSet<>();
        List<String> unchecked = new ArrayList<>();
        for (EditTarget target : targets) {
            List<Path> paths = expand(from, target);
            if (paths.isEmpty()) {
                unchecked.add(target.path());
            }
            for (Path path : paths) {
                List<Resource> found = resolver.target(path);
                if (found.isEmpty()) {
                    unchecked.add(target.path());
                }
                resources.addAll(found);
            }
        }
        return new Resolved(new ArrayList<>(resources), unchecked);
    }

    /** The paths a target writes, not normalised (a {@code ..} after a link is the resolver's); none for a NUL byte. */
    private static List<Path> expand(Path from, EditTarget target) {
        try {
            Path path = from.resolve(target.path());
            if (target.entries().isEmpty() || !Files.isDirectory(path)) {
                return List.of(path);
            }
            List<Path> inside = new ArrayList<>();
            for (String entry : target.entries()) {
                inside.add(path.resolve(entry));
            }
            return inside;
        } catch (InvalidPathException e) {
            return List.of();
        }
    }
}

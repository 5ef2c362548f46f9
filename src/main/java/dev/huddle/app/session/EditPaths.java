package dev.huddle.app.session;

import dev.huddle.app.Workspace;
import dev.huddle.app.lease.ResourceResolver;
import dev.huddle.core.HuddleException;
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
 * into it, the repository itself becomes {@code **}, and a target outside the repository (or a
 * symbolic link leading out of it, or a name no lease could ever cover) is set aside as unchecked:
 * no lease can cover it, so it never blocks.
 */
final class EditPaths {

    /** The resources to check, in order and without duplicates, and the targets set aside. */
    record Resolved(List<Resource> resources, List<String> unchecked) {}

    private final Workspace workspace;
    private final ResourceResolver resolver;

    EditPaths(Workspace workspace) {
        this.workspace = workspace;
        this.resolver = new ResourceResolver(workspace);
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
                Resource r = resource(path);
                if (r == null) {
                    unchecked.add(target.path());
                } else {
                    resources.add(r);
                }
            }
        }
        return new Resolved(new ArrayList<>(resources), unchecked);
    }

    /** The paths a target writes; none when its name cannot be a file name (a NUL byte). */
    private static List<Path> expand(Path from, EditTarget target) {
        try {
            Path path = from.resolve(target.path()).normalize();
            if (target.entries().isEmpty() || !Files.isDirectory(path)) {
                return List.of(path);
            }
            List<Path> inside = new ArrayList<>();
            for (String entry : target.entries()) {
                inside.add(path.resolve(entry).normalize());
            }
            return inside;
        } catch (InvalidPathException e) {
            return List.of();
        }
    }

    /** The resource a path names, or null when no lease can cover it. */
    private Resource resource(Path path) {
        Path root = workspace.root();
        if (!path.startsWith(root)) {
            return null;
        }
        try {
            return path.equals(root) ? Resource.fromText("**") : resolver.resolve(path.toString());
        } catch (HuddleException e) {
            // A symbolic link out of the repository, control characters, a malformed glob: not leasable.
            return null;
        }
    }
}

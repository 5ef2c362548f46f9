package dev.huddle.app.lease;

import dev.huddle.app.Workspace;
import dev.huddle.core.HuddleException;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.lease.ResourceParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Turns what a user typed into resources confined to the repository (DESIGN §8): normalised by
 * the core parser, then, for paths that exist, checked against symlinks that lead outside.
 */
public final class ResourceResolver {

    private final Workspace workspace;

    public ResourceResolver(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Parses every input; duplicates collapse, order is kept. Any bad input refuses the whole list. */
    public List<Resource> resolve(List<String> inputs) {
        if (inputs.isEmpty()) {
            throw HuddleException.invalid("name at least one resource: a path, a glob such as 'src/*.py', or name:NAME");
        }
        LinkedHashSet<Resource> out = new LinkedHashSet<>();
        for (String input : inputs) {
            out.add(resolve(input));
        }
        return List.copyOf(out);
    }

    public Resource resolve(String input) {
        Resource r = ResourceParser.parse(input, workspace.root().toString(), workspace.cwd().toString());
        if (r instanceof Resource.PathResource p) {
            refuseEscapingLink(input, workspace.root().resolve(p.path()));
        }
        return r;
    }

    private void refuseEscapingLink(String input, Path target) {
        if (!Files.exists(target)) {
            return;
        }
        try {
            Path real = target.toRealPath();
            Path realRoot = workspace.root().toRealPath();
            if (!real.startsWith(realRoot)) {
                throw HuddleException.invalid("'" + input + "' is a symbolic link to " + real
                        + ", outside the repository at " + workspace.root());
            }
        } catch (IOException e) {
            throw HuddleException.invalid("cannot resolve '" + input + "': " + e.getMessage());
        }
    }
}

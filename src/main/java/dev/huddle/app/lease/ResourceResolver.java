package dev.huddle.app.lease;

import dev.huddle.app.Workspace;
import dev.huddle.core.HuddleException;
import dev.huddle.core.lease.GlobParts;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.lease.Resource.GlobResource;
import dev.huddle.core.lease.Resource.NamedResource;
import dev.huddle.core.lease.Resource.PathResource;
import dev.huddle.core.lease.ResourceParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place a spelling becomes a repository resource (DESIGN §8; docs/decisions.md "Paths
 * through the file system"): lease requests, releases and renewals, {@code check}, the hooks'
 * write targets and the git guard all come here, so a file has one resource however it is spelled.
 *
 * <p>A path is resolved to its real location component by component ({@link RealPath}): links to
 * files and directories, chains of links, {@code ..} after a link (the parent of the target),
 * dangling links (followed to where they point), names that do not exist yet (appended to the
 * real directory above them). A location outside the repository is refused, naming the link that
 * leads there, whether or not the target exists. A glob's literal directory prefix is resolved the
 * same way ({@code link/*.py} is {@code src/*.py}), and the links its wildcards reach are covered
 * as well ({@link GlobLinks}). On a file system that folds case, paths and globs are folded to
 * lower case, so two spellings of one file are one resource. Hard links are not a matter of
 * spelling: {@link SameFiles} compares file identities where leases meet.
 *
 * <p>Cost: one {@code lstat} per component of a path; globs scan the directories their wildcards
 * can reach, within {@link GlobLinks#MAX_ENTRIES} entries.
 */
public final class ResourceResolver {

    private final Workspace workspace;
    private final CaseProbe probe;
    private Path realRoot;
    private boolean folds;

    public ResourceResolver(Workspace workspace) {
        this(workspace, CaseProbe.fileSystem());
    }

    public ResourceResolver(Workspace workspace, CaseProbe probe) {
        this.workspace = workspace;
        this.probe = probe;
    }

    /**
     * Every input's resource followed by what its glob reaches through links; duplicates collapse,
     * order is kept. Any bad input refuses the whole list.
     */
    public List<Resource> resolve(List<String> inputs) {
        LinkedHashSet<Resource> out = new LinkedHashSet<>();
        for (Resolved r : resolveEach(inputs)) {
            out.addAll(r.all());
        }
        return List.copyOf(out);
    }

    /** Each input resolved on its own, in order. */
    public List<Resolved> resolveEach(List<String> inputs) {
        if (inputs.isEmpty()) {
            throw HuddleException.invalid("name at least one resource: a path, a glob such as 'src/*.py', or name:NAME");
        }
        List<Resolved> out = new ArrayList<>(inputs.size());
        for (String input : inputs) {
            out.add(resolve(input));
        }
        return out;
    }

    /**
     * One input as a user typed it, relative to the working directory.
     *
     * @throws HuddleException invalid input: malformed, outside the repository (directly or through a
     *         link, named with where it points), the whole repository, or links that loop
     */
    public Resolved resolve(String input) {
        ResourceParser.validate(input);
        if (input.startsWith(NamedResource.PREFIX)) {
            String top = workspace.root().toString(); // a name needs no file system
            return new Resolved(ResourceParser.parse(input, top, top), List.of());
        }
        String from = input.startsWith("/") ? "" : workspace.cwd().toString();
        if (!GlobParts.isGlob(input)) {
            return new Resolved(literal(inside(input, RealPath.walk(from + "/" + input, true, root()), false)), List.of());
        }
        List<String> parts = GlobParts.segments(input);
        int wild = 0;
        while (wild < parts.size() && !GlobParts.isWild(parts.get(wild))) {
            wild++;
        }
        List<String> names = parts.subList(0, wild).stream().map(GlobParts::unescape).toList();
        String prefix = from + "/" + String.join("/", names);
        if (wild == parts.size()) { // every wildcard escaped: a literal name
            return new Resolved(literal(inside(input, RealPath.walk(prefix, true, root()), false)), List.of());
        }
        String dir = inside(input, RealPath.walk(prefix, true, root()), true);
        String rest = String.join("/", parts.subList(wild, parts.size()));
        String text = dir.isEmpty() ? rest : escapeSegments(dir) + "/" + rest;
        Resource glob = ResourceParser.parse(fold(text), root().toString(), root().toString());
        if (!(glob instanceof GlobResource g)) {
            return new Resolved(glob, List.of());
        }
        return new Resolved(g, new GlobLinks(this).reached(input, g));
    }

    /**
     * What writing {@code absolute} touches (a hook's write target): its resource, {@code **} for
     * the repository itself; a shell glob as a glob, with what it reaches through links. Empty when
     * the write lands outside the repository or at a name no lease can describe (then no lease
     * can cover it, and it never blocks).
     */
    public List<Resource> target(Path absolute) {
        try {
            if (GlobParts.isGlob(absolute.toString())) {
                return resolve(absolute.toString()).all();
            }
            Optional<String> rel = relative(RealPath.walk(absolute.toString(), true, root()).location());
            if (rel.isEmpty()) {
                return List.of();
            }
            return List.of(rel.get().isEmpty() ? Resource.fromText("**") : literal(rel.get()));
        } catch (HuddleException e) {
            return List.of(); // outside, links that loop (the write fails too), control characters, too long
        }
    }

    /**
     * Stored resources (a task's files) resolved again from the repository root, as the links are
     * now: what a task named when it was created may have moved.
     */
    public List<Resource> again(List<Resource> stored) {
        ResourceResolver fromRoot = new ResourceResolver(new Workspace(workspace.root(), workspace.root()), probe);
        return fromRoot.resolve(stored.stream().map(Resource::text).toList());
    }

    /** Hard-link comparison for this repository; one per use case call, as it remembers what it found. */
    public SameFiles sameFiles() {
        return new SameFiles(root(), folds());
    }

    /** The repository's real path; the workspace root when it cannot be resolved. */
    Path root() {
        if (realRoot == null) {
            try {
                realRoot = workspace.root().toRealPath();
            } catch (IOException e) {
                realRoot = workspace.root();
            }
            folds = probe.foldsCase(realRoot);
        }
        return realRoot;
    }

    boolean folds() {
        root();
        return folds;
    }

    /** The repo-relative text of a real location ("" for the root itself), or empty when it is outside. */
    Optional<String> relative(Path location) {
        String at = location.toString();
        String top = root().toString();
        if (top.equals("/")) {
            return Optional.of(at.substring(1));
        }
        boolean under = at.regionMatches(folds(), 0, top, 0, top.length());
        if (under && at.length() == top.length()) {
            return Optional.of("");
        }
        return under && at.length() > top.length() && at.charAt(top.length()) == '/'
                ? Optional.of(at.substring(top.length() + 1)) : Optional.empty();
    }

    /** The resource naming exactly the repo-relative {@code rel}: a path, or an escaped glob when its name has * ? [. */
    Resource literal(String rel) {
        String text = fold(rel);
        if (GlobParts.isGlob(text)) {
            return new GlobResource(escapeSegments(text));
        }
        if (text.startsWith(NamedResource.PREFIX)) {
            return new GlobResource("[n]" + text.substring(1)); // a path would read as a named resource
        }
        return new PathResource(text);
    }

    String fold(String text) {
        return folds() ? text.toLowerCase(Locale.ROOT) : text;
    }

    /** The repo-relative location of a walk, refusing one outside the repository with the link that leads there. */
    private String inside(String input, RealPath.Walked walked, boolean rootAllowed) {
        Optional<String> rel = relative(walked.location());
        if (rel.isEmpty()) {
            throw leadsOut(input, walked);
        }
        if (rel.get().isEmpty() && !rootAllowed) {
            throw HuddleException.invalid("'" + printable(input) + "' names the whole repository;"
                    + " use a glob such as '**' to lease everything");
        }
        return rel.get();
    }

    private HuddleException leadsOut(String input, RealPath.Walked walked) {
        RealPath.Hop hop = walked.outward();
        if (hop == null) {
            return HuddleException.invalid("'" + printable(input) + "' is outside the repository at " + workspace.root()
                    + "; name a path inside it");
        }
        String link = relative(hop.link()).filter(r -> !r.isEmpty()).orElse(hop.link().toString());
        return HuddleException.invalid("'" + printable(input) + "' leads out of the repository: " + printable(link)
                + " is a symbolic link to " + printable(hop.target().toString()) + ", outside " + workspace.root()
                + "; name the file by its path inside the repository");
    }

    private static String escapeSegments(String rel) {
        return GlobParts.escape(rel);
    }

    private static String printable(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}

package dev.huddle.core.lease;

import dev.huddle.core.HuddleException;
import dev.huddle.core.lease.Resource.GlobResource;
import dev.huddle.core.lease.Resource.NamedResource;
import dev.huddle.core.lease.Resource.PathResource;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what a user typed into a canonical {@link Resource} (DESIGN §4.4, §8 "Paths").
 *
 * <p>{@code name:xxx} is a {@link NamedResource}. Anything containing {@code * ? [} is a
 * {@link GlobResource}; anything else a {@link PathResource}. Paths and globs are normalised
 * lexically, as POSIX paths, without touching the file system: duplicate slashes collapse,
 * {@code .} segments go, {@code ..} removes the segment before it, a relative input is taken
 * from {@code cwd}, and the result is made relative to {@code repoRoot}. So {@code ./a},
 * {@code a}, {@code src/../a} and {@code <root>/a} all give the path {@code a}. A trailing slash
 * is dropped: {@code src/} is the directory {@code src} itself, whose lease covers everything
 * below it. Backslashes are not separators: in a path they are ordinary characters, in a glob
 * they escape.
 *
 * <p>In a glob, {@code .} and {@code ..} are resolved only before the first segment holding a
 * wildcard; a {@code ..} after one is refused, since what it cancels depends on the match.
 * Directory names taken from {@code cwd} are escaped, so a directory named {@code a*b} stays
 * literal. Symlinks are not resolved here: the application's resolver finds the real location
 * through the file system and parses that (DESIGN §8, docs/decisions.md "Paths through the file system").
 *
 * <p>Refused as invalid input, each with one line naming the input: empty input, control
 * characters, anything outside the repository ({@code ../x}, {@code /etc/passwd},
 * {@code src/../../x}), the repository itself ({@code .}; lease {@code **} for everything), and
 * malformed globs.
 */
public final class ResourceParser {

    private ResourceParser() {}

    /**
     * Parses one resource as typed by a user.
     *
     * @param repoRoot the repository's absolute, normalised POSIX path
     * @param cwd the absolute directory relative inputs start from; it may lie outside the repo
     * @throws HuddleException invalid input, naming the input and what to do instead
     * @throws IllegalArgumentException if {@code repoRoot} or {@code cwd} is not absolute: a caller bug
     */
    public static Resource parse(String input, String repoRoot, String cwd) {
        requireAbsolute(repoRoot, "repoRoot");
        requireAbsolute(cwd, "cwd");
        ResourceText.requireClean(input, "resource");
        if (input.startsWith(NamedResource.PREFIX)) {
            return new NamedResource(input.substring(NamedResource.PREFIX.length()));
        }
        boolean glob = ResourceText.hasGlobChars(input);
        if (glob) {
            Wildmatch.compile(input); // report syntax errors against the pattern as typed
        }
        List<String> relative = relativise(resolve(input, glob, cwd), glob, input, repoRoot);
        String text = String.join("/", relative);
        return glob ? new GlobResource(text) : new PathResource(text);
    }

    /**
     * Checks what {@link #parse} checks before a path's location matters: clean text, a well-formed
     * glob, no {@code ..} after a wildcard. For callers that resolve the location themselves, through
     * the file system, and then {@link #parse} the real location.
     *
     * @throws HuddleException invalid input, naming it
     */
    public static void validate(String input) {
        ResourceText.requireClean(input, "resource");
        if (!input.startsWith(NamedResource.PREFIX) && ResourceText.hasGlobChars(input)) {
            Wildmatch.compile(input);
            resolve(input, true, "/");
        }
    }

    /** The absolute segments the input names, with {@code .}, {@code ..} and empty segments resolved. */
    private static List<String> resolve(String input, boolean glob, String cwd) {
        List<String> segments = new ArrayList<>();
        if (!input.startsWith("/")) {
            for (String dir : cwd.split("/")) {
                segments.add(glob ? ResourceText.escape(dir) : dir);
            }
        }
        segments.addAll(glob ? ResourceText.splitGlob(input) : List.of(input.split("/")));
        List<String> resolved = new ArrayList<>();
        boolean afterWildcard = false;
        for (String segment : segments) {
            if (segment.equals("..") && afterWildcard) {
                throw HuddleException.invalid("glob '" + ResourceText.printable(input) + "' has '..' after a"
                        + " wildcard segment, which cannot be resolved; write the directories out");
            } else if (segment.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.removeLast(); // POSIX: "/.." is "/"
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                afterWildcard |= glob && ResourceText.isWildSegment(segment);
                resolved.add(segment);
            }
        }
        return resolved;
    }

    /** Strips the repo root from absolute segments, refusing anything not strictly inside it. */
    private static List<String> relativise(List<String> absolute, boolean glob, String input, String repoRoot) {
        List<String> root = List.of(repoRoot.split("/")).stream().filter(s -> !s.isEmpty()).toList();
        boolean inside = absolute.size() >= root.size();
        for (int k = 0; inside && k < root.size(); k++) {
            String segment = absolute.get(k);
            boolean wild = glob && ResourceText.isWildSegment(segment);
            String literal = glob ? ResourceText.unescape(segment) : segment;
            inside = !wild && literal.equals(root.get(k));
        }
        if (!inside) {
            throw HuddleException.invalid("'" + ResourceText.printable(input) + "' is outside the repository at "
                    + repoRoot + "; name a path inside it");
        }
        if (absolute.size() == root.size()) {
            throw HuddleException.invalid("'" + ResourceText.printable(input) + "' names the whole repository;"
                    + " use a glob such as '**' to lease everything");
        }
        return absolute.subList(root.size(), absolute.size());
    }

    private static void requireAbsolute(String dir, String what) {
        if (dir == null || !dir.startsWith("/")) {
            throw new IllegalArgumentException(what + " must be an absolute POSIX path, got: " + dir);
        }
    }
}

package dev.huddle.core.lease;

import dev.huddle.core.HuddleException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a lease covers (DESIGN §4.4): a repo-relative path, a glob, or a named resource such as
 * {@code name:port-3000}. Every instance holds canonical text, so two resources that cover the
 * same files by the same rule have equal {@link #text()}; whether two resources conflict is
 * {@link ResourceOverlap#intersects}, never a text comparison.
 *
 * <p>Build them from user input with {@link ResourceParser#parse}, which normalises; the record
 * constructors and {@link #fromText} accept canonical text only and refuse anything else with
 * {@link HuddleException} invalid input. {@code toString()} is the canonical text.
 */
public sealed interface Resource {

    /**
     * The canonical text stored in the database and shown to users: a path or glob as is, a named
     * resource as {@code name:<name>}. {@link #fromText} reads it back into an equal resource.
     */
    String text();

    /**
     * Reads canonical text as written by {@link #text()}: {@code name:} starts a named resource,
     * any of {@code * ? [} makes a glob, anything else is a path. Store adapters use it to read
     * back what {@link #text()} wrote.
     *
     * @throws HuddleException invalid input if the text is not canonical
     */
    static Resource fromText(String text) {
        ResourceText.requireClean(text, "resource");
        if (text.startsWith(NamedResource.PREFIX)) {
            return new NamedResource(text.substring(NamedResource.PREFIX.length()));
        }
        return ResourceText.hasGlobChars(text) ? new GlobResource(text) : new PathResource(text);
    }

    /**
     * A repo-relative file or directory, such as {@code src/app/main.py}. A lease on a directory
     * covers everything below it: {@code src} conflicts with {@code src/a.py} and {@code src/**},
     * not with {@code srcx}. Matching is case-sensitive, as on Linux.
     *
     * <p>Canonical: no leading or trailing slash, no empty, {@code .} or {@code ..} segment, no
     * control character, at most {@value #MAX_LENGTH} characters, none of {@code * ? [} (those make
     * a glob). A backslash is an ordinary character, as on POSIX. A path starting with {@code name:}
     * is refused because its text would read as a named resource; lease the glob {@code [n]ame:...}.
     */
    record PathResource(String path) implements Resource {

        // Written out rather than generated: a generated equals/hashCode bootstraps through method
        // handles on first use, 15-40 ms of a cold CLI start even with the AOT cache (measured).
        @Override
        public boolean equals(Object o) {
            return o instanceof PathResource other && other.path.equals(path);
        }

        @Override
        public int hashCode() {
            return path.hashCode() * 31 + 12;
        }

        /** Longest path accepted, in characters: Linux's PATH_MAX. */
        public static final int MAX_LENGTH = 4096;

        public PathResource {
            ResourceText.requireClean(path, "path");
            if (ResourceText.hasGlobChars(path)) {
                throw HuddleException.invalid("path '" + ResourceText.printable(path)
                        + "' contains a wildcard (* ? [); lease it as a glob instead");
            }
            if (path.length() > MAX_LENGTH) {
                throw HuddleException.invalid("path '" + ResourceText.printable(path.substring(0, 40))
                        + "...' is longer than " + MAX_LENGTH + " characters");
            }
            ResourceText.requireCanonical(path, List.of(path.split("/", -1)), "path");
        }

        @Override
        public String text() {
            return path;
        }

        @Override
        public String toString() {
            return path;
        }
    }

    /**
     * A git wildmatch pattern over repo-relative paths, such as {@code src/**} or {@code *.py}; see
     * {@link Wildmatch}. A glob covers exactly the paths it matches: {@code src/*} covers
     * {@code src/a.py} but not {@code src/x/a.py}; to cover a whole tree write {@code src/**}.
     *
     * <p>Canonical: a valid pattern with at least one of {@code * ? [}, no leading or trailing
     * slash, no empty, {@code .} or {@code ..} segment, and no escaped slash.
     */
    record GlobResource(String pattern) implements Resource {

        // Written out rather than generated: a generated equals/hashCode bootstraps through method
        // handles on first use, 15-40 ms of a cold CLI start even with the AOT cache (measured).
        @Override
        public boolean equals(Object o) {
            return o instanceof GlobResource other && other.pattern.equals(pattern);
        }

        @Override
        public int hashCode() {
            return pattern.hashCode() * 31 + 12;
        }

        public GlobResource {
            Wildmatch.compile(pattern);
            if (!ResourceText.hasGlobChars(pattern)) {
                throw HuddleException.invalid("glob '" + ResourceText.printable(pattern)
                        + "' has no wildcard; lease it as a path");
            }
            ResourceText.requireCanonical(pattern, ResourceText.splitGlob(pattern), "glob");
        }

        /** The compiled pattern; compiling is cheap, so it is not kept. */
        public Wildmatch wildmatch() {
            return Wildmatch.compile(pattern);
        }

        @Override
        public String text() {
            return pattern;
        }

        @Override
        public String toString() {
            return pattern;
        }
    }

    /**
     * A resource that is not a file, such as a port or a deployment, written {@code name:port-3000}.
     * It conflicts only with the identical name (case-sensitive: {@code name:Deploy} and
     * {@code name:deploy} differ), never with a path or a glob.
     */
    record NamedResource(String name) implements Resource {

        // Written out rather than generated: a generated equals/hashCode bootstraps through method
        // handles on first use, 15-40 ms of a cold CLI start even with the AOT cache (measured).
        @Override
        public boolean equals(Object o) {
            return o instanceof NamedResource other && other.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + 13;
        }

        /** What starts a named resource in user input and in {@link #text()}. */
        public static final String PREFIX = "name:";

        private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");

        public NamedResource {
            if (name == null || !FORM.matcher(name).matches()) {
                throw HuddleException.invalid("invalid named resource '" + PREFIX + ResourceText.printable(name)
                        + "': after 'name:' use 1-128 characters A-Z, a-z, 0-9, '.', '_', ':', '/' or '-'");
            }
        }

        @Override
        public String text() {
            return PREFIX + name;
        }

        @Override
        public String toString() {
            return text();
        }
    }
}

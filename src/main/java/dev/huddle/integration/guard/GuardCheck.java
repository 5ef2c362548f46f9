package dev.huddle.integration.guard;

import dev.huddle.app.Coordinator;
import dev.huddle.app.lease.PathCheck;
import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.Conflict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The guard's decision: which of the paths a commit or push writes are held by another live agent
 * with an exclusive lease. Asks the Coordinator ({@code coordinator.leases().check}), never the store.
 * Without an acting agent every holder counts as another.
 *
 * <p>Names are checked literally: a name with {@code *}, {@code ?} or {@code [} is escaped so it
 * is not read as a glob. Each goes through the same resolver as every lease (links, hard links), a
 * name that is itself a symbolic link as that entry and what it leads to. A name no lease can
 * describe (a control character in it, or a link whose last segment has no letter or digit) is
 * reported as not checked rather than failing the whole check.
 */
public final class GuardCheck {

    /** One path that another agent holds, with the lease that holds it. */
    public record Blocked(String path, Conflict conflict) {}

    /** What the check found: how many paths it checked, the blocked ones, the ones it could not check. */
    public record Verdict(int checked, List<Blocked> blocked, List<String> unchecked) {

        public Verdict {
            blocked = List.copyOf(blocked);
            unchecked = List.copyOf(unchecked);
        }

        public boolean clear() {
            return blocked.isEmpty();
        }
    }

    private GuardCheck() {}

    /**
     * Checks the repository-relative {@code names} below {@code root}, for a coordinator that reads
     * relative paths from {@code cwd}.
     */
    public static Verdict run(Coordinator coordinator, Optional<AgentId> caller, Path root, Path cwd,
                              Collection<String> names) {
        String prefix = cwd.toAbsolutePath().normalize().relativize(root.toAbsolutePath().normalize()).toString();
        List<String> checked = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        for (String name : names) {
            Optional<String> input = input(root, name).map(i -> prefix.isEmpty() ? i : prefix + "/" + i);
            if (input.isPresent()) {
                checked.add(name);
                inputs.add(input.get());
            } else {
                unchecked.add(name);
            }
        }
        List<Blocked> blocked = new ArrayList<>();
        if (!inputs.isEmpty()) {
            try {
                addBlocked(coordinator.leases().check(caller, inputs), checked, blocked);
            } catch (HuddleException e) {
                // One name the resolver refuses (it leads out of the repository through a link, or
                // the links loop) must not stop the others: check them one by one.
                List<String> ok = new ArrayList<>();
                for (int i = 0; i < inputs.size(); i++) {
                    try {
                        addBlocked(coordinator.leases().check(caller, List.of(inputs.get(i))), List.of(checked.get(i)), blocked);
                        ok.add(checked.get(i));
                    } catch (HuddleException refused) {
                        unchecked.add(checked.get(i));
                    }
                }
                checked = ok;
            }
        }
        return new Verdict(checked.size(), blocked, unchecked);
    }

    private static void addBlocked(List<PathCheck> checks, List<String> names, List<Blocked> blocked) {
        for (int i = 0; i < checks.size(); i++) {
            for (Conflict c : checks.get(i).blockers()) {
                blocked.add(new Blocked(names.get(i), c));
            }
        }
    }

    /** The resource text, relative to {@code root}, that names exactly this file, or empty when none can. */
    static Optional<String> input(Path root, String name) {
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        if (Files.isSymbolicLink(root.resolve(name))) {
            return entryGlob(name);
        }
        return Optional.of(hasGlobChars(name) ? escape(name) : name);
    }

    /**
     * A commit writes a symbolic link itself, not what it points to; as a path, the link would be
     * followed (DESIGN §8). Named as a glob that matches only its entry ({@code lin[k]}), it is
     * checked against the leases covering the entry and, when it leads to a file in the repository,
     * that file too (the resolver covers what a glob matches through links). A name whose last
     * segment has no letter or digit to bracket is not checked.
     */
    private static Optional<String> entryGlob(String name) {
        int segment = name.lastIndexOf('/') + 1;
        for (int i = name.length() - 1; i >= segment; i--) {
            if (Character.isLetterOrDigit(name.charAt(i))) {
                return Optional.of(escape(name.substring(0, i)) + "[" + name.charAt(i) + "]" + escape(name.substring(i + 1)));
            }
        }
        return Optional.empty();
    }

    static boolean hasGlobChars(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
    }

    /** Escapes the characters a glob reads specially, so the glob means exactly this name. */
    static String escape(String literal) {
        StringBuilder out = new StringBuilder(literal.length());
        for (char c : literal.toCharArray()) {
            if (c == '\\' || c == '*' || c == '?' || c == '[') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}

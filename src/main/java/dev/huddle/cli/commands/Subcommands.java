package dev.huddle.cli.commands;

import dev.huddle.cli.Invocation;
import dev.huddle.cli.args.UsageException;
import java.util.List;
import java.util.Map;

/**
 * Command groups ({@code task}, {@code dep}, {@code queue}, {@code summary}) name their
 * subcommand as the first word. The group's spec holds every subcommand's options, so these checks
 * refuse an option given to a subcommand that does not take it, as an unknown option would be.
 */
final class Subcommands {

    private Subcommands() {}

    /** The subcommand named first; a missing or unknown one is a usage error listing the known ones. */
    static String of(Invocation inv, String group, List<String> known) {
        List<String> words = inv.args().positionals();
        if (words.isEmpty() || !known.contains(words.getFirst())) {
            throw new UsageException((words.isEmpty() ? "'huddle " + group + "' needs a subcommand"
                    : "unknown subcommand '" + words.getFirst() + "' of 'huddle " + group + "'")
                    + ": use " + String.join(", ", known) + " (see 'huddle " + group + " --help')");
        }
        return words.getFirst();
    }

    /** Refuses every option of {@code optionsBySub} that does not belong to {@code sub}. */
    static void allow(Invocation inv, String group, String sub, Map<String, List<String>> optionsBySub) {
        List<String> mine = optionsBySub.getOrDefault(sub, List.of());
        optionsBySub.values().stream().flatMap(List::stream).distinct()
                .filter(o -> !mine.contains(o) && inv.args().has(o))
                .findFirst()
                .ifPresent(o -> {
                    throw new UsageException("option " + o + " does not apply to 'huddle " + group + " " + sub
                            + "' (see 'huddle " + group + " --help')");
                });
        if (!List.of("new", "add", "rm", "start", "write", "collect", "issue", "revoke").contains(sub) && inv.dryRun()) {
            throw new UsageException("option --dry-run does not apply to 'huddle " + group + " " + sub
                    + "': it changes nothing");
        }
    }

    /** The words after the subcommand; {@code min}..{@code max} of them, else a usage error. */
    static List<String> words(Invocation inv, String usage, int min, int max) {
        List<String> words = inv.args().positionals();
        List<String> rest = words.subList(1, words.size());
        if (rest.size() < min || rest.size() > max) {
            throw new UsageException((rest.size() < min ? "missing arguments" : "too many arguments")
                    + ": usage: huddle " + usage);
        }
        return rest;
    }
}

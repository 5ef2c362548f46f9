package dev.huddle.cli;

import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.cli.args.ParsedArgs;
import java.util.ArrayList;
import java.util.List;

/**
 * The options every command takes (DESIGN §6), plus --dry-run on mutating ones. They are read by
 * the same parser as the command's own options, in the same single pass, so {@code --} ends them
 * too: {@code huddle send bob -- --json} sends the text "--json".
 */
final class GlobalOptions {

    static final String AGENT = "--agent";
    static final String JSON = "--json";
    static final String DB = "--db";
    static final String QUIET = "--quiet";
    static final String DRY_RUN = "--dry-run";
    static final String DEBUG = "--debug";
    static final String HELP = "--help";
    static final String SHORT_HELP = "-h";

    private GlobalOptions() {}

    /** Whether the parsed line asks for the command's help (before any {@code --}, as every option). */
    static boolean help(ParsedArgs parsed) {
        return parsed.has(HELP) || parsed.has(SHORT_HELP);
    }

    /**
     * For {@code hook}, whose words the hook face reads itself: whether they ask for help, by the
     * same rule as every other command (an option before any {@code --}).
     */
    static boolean asksHelp(List<String> args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals(HELP) || arg.equals(SHORT_HELP)) {
                return true;
            }
        }
        return false;
    }

    static ArgSpec withGlobals(ArgSpec spec, boolean mutating) {
        List<Option> all = new ArrayList<>(spec.options());
        all.add(Option.value(AGENT, "ID", "act as this agent (else HUDDLE_AGENT, else the agent program's session)"));
        all.add(Option.flag(JSON, "print JSON (stable field names) instead of text"));
        all.add(Option.value(DB, "PATH|URL", "use this store file or PostgreSQL URL instead of the repository's (also HUDDLE_DB)"));
        all.add(Option.flag(QUIET, "print only the essential answer"));
        all.add(Option.flag(DEBUG, "print stack traces of internal errors"));
        all.add(Option.flag(HELP, "show this help"));
        all.add(Option.flag(SHORT_HELP, "the same as --help"));
        if (mutating) {
            all.add(Option.flag(DRY_RUN, "run the change, report it, and roll it back"));
        }
        return new ArgSpec(spec.usage(), spec.summary(), all, spec.minPositionals(), spec.maxPositionals());
    }
}

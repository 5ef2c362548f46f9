package dev.huddle.cli;

import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;

/** Help texts, generated from the commands' own specs so they cannot drift. */
final class Help {

    private Help() {}

    static String overview() {
        StringBuilder s = new StringBuilder("""
                huddle: shared live state for AI coding agents working on one repository

                usage: huddle COMMAND [ARGS] [--agent ID] [--json] [--db PATH|URL] [--quiet] [--dry-run]

                """);
        for (String name : Commands.NAMES) {
            ArgSpec spec = Commands.find(name).spec();
            s.append(String.format("  %-10s %s%n", name, spec.summary()));
        }
        s.append("""

                'huddle COMMAND --help' shows a command's options. 'huddle onboard' is a short primer.
                Exit codes: 0 ok, 1 error, 2 denied (held by another), 3 not ready, 64 usage error.
                """);
        return s.toString();
    }

    static String command(String name, ArgSpec spec) {
        StringBuilder s = new StringBuilder("usage: huddle ").append(spec.usage()).append("\n\n")
                .append(spec.summary()).append("\n\noptions:\n");
        for (Option o : spec.options()) {
            String left = switch (o.arity()) {
                case FLAG -> o.name();
                case VALUE -> o.name() + " " + o.valueName();
                case OPTIONAL_VALUE -> o.name() + " [" + o.valueName() + "]";
            };
            s.append(String.format("  %-22s %s%n", left, o.help()));
        }
        return s.toString();
    }

    static String version() {
        String v = Help.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}

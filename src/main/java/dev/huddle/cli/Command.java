package dev.huddle.cli;

import dev.huddle.cli.args.ArgSpec;

/**
 * One CLI command: what it accepts, and how it maps its arguments to one Coordinator call and
 * renders the result. It returns the exit code; it never exits the process.
 */
public interface Command {

    String name();

    /** The command's options (the global ones are added by the dispatcher). */
    ArgSpec spec();

    /** Whether the command changes the store, and so takes --dry-run. */
    boolean mutating();

    int run(Invocation inv);
}

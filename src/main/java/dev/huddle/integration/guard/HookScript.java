package dev.huddle.integration.guard;

import java.util.List;

/**
 * The git hooks Huddle installs. Each runs the hook that was there before (kept beside it as
 * {@code <hook>.huddle-chained}) first, with the same arguments and input, and stops with its exit
 * code if it fails; then {@code huddle guard check}. The first line after the shebang marks the
 * file as Huddle's.
 */
public final class HookScript {

    /** The hooks the guard installs, by git's names. */
    public static final List<String> HOOKS = List.of("pre-commit", "pre-push");

    static final String MARK = "# huddle-guard:";
    static final String CHAINED_SUFFIX = ".huddle-chained";

    private HookScript() {}

    /** The script for {@code hook} running {@code launcher} (an absolute path). */
    static String of(String hook, String launcher) {
        String huddle = quote(launcher);
        String head = "#!/bin/sh\n"
                + MARK + " refuses a " + (hook.equals("pre-push") ? "push" : "commit") + " that touches a file another agent"
                + " holds (added by 'huddle guard install';\n"
                + "# 'huddle guard uninstall' puts back what was here). HUDDLE_GUARD=warn only warns; HUDDLE_GUARD=off skips it.\n"
                + "chained=\"$(dirname \"$0\")/" + hook + CHAINED_SUFFIX + "\"\n";
        if (hook.equals("pre-push")) {
            return head + "input=$(cat)\n"
                    + "if [ -x \"$chained\" ]; then\n"
                    + "    if [ -n \"$input\" ]; then printf '%s\\n' \"$input\"; fi | \"$chained\" \"$@\" || exit $?\n"
                    + "fi\n"
                    + "printf '%s\\n' \"$input\" | " + huddle + " guard check --push \"$1\"\n";
        }
        return head + "if [ -x \"$chained\" ]; then\n"
                + "    \"$chained\" \"$@\" || exit $?\n"
                + "fi\n"
                + "exec " + huddle + " guard check --staged\n";
    }

    /** Whether a hook file's text is one of Huddle's. */
    static boolean isHuddles(String text) {
        return text.lines().skip(1).findFirst().filter(l -> l.startsWith(MARK)).isPresent();
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}

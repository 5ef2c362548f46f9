package dev.huddle.cli;

import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.ParsedArgs;
import dev.huddle.hook.HookMain;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code huddle} command: finds the command, parses its arguments, runs it, maps any failure
 * to one line on stderr and an exit code. Only {@link #main} exits the process.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        fastLocaleData();
        boolean remote = throughServer(System.getenv(), args);
        if (!remote) {
            // Through a server the store is never opened: loading its native library would only cost CPU.
            dev.huddle.boot.Warmup.start();
        }
        int code = execute(args, System.getenv(), Path.of("").toAbsolutePath(), System.in, System.out, System.err);
        System.out.flush();
        System.err.flush();
        if (remote) {
            // System.exit first sets up the JDK's System.Logger (to log Runtime.exit at debug level):
            // ~7 ms of a cold command, measured. A command through a server registers no shutdown
            // hook (no store, no wait in this process's line: WaitingCall.queues), so halting skips
            // nothing. The file path keeps exit: its waits and `serve` leave cleanly in their hooks.
            Runtime.getRuntime().halt(code);
        }
        System.exit(code);
    }

    /**
     * Whether this command line runs through a server: HUDDLE_URL is set and the command is not a
     * local one, or it is a hook with HUDDLE_URL or {@code --url} (HookMain then forwards it).
     */
    static boolean throughServer(Map<String, String> env, String[] args) {
        String url = env.get(dev.huddle.boot.ServerTarget.URL_VARIABLE);
        boolean named = url != null && !url.isBlank();
        List<String> argv = commandFirst(Arrays.asList(args));
        if (argv.isEmpty()) {
            return false;
        }
        if (argv.getFirst().equals("hook")) {
            return named || argv.stream().anyMatch(a -> a.equals("--url") || a.startsWith("--url="));
        }
        return named && !Placement.local(argv.getFirst());
    }

    /**
     * sqlite-jdbc builds a date formatter for every connection, which makes the JDK load its full
     * CLDR locale data: 20-60 ms of every cold start, measured. Huddle formats no localised dates
     * (times are ISO-8601), so the small built-in locale data is enough; an explicit user choice
     * of {@code java.locale.providers} wins. Must run before anything touches locale data.
     */
    static void fastLocaleData() {
        if (System.getProperty("java.locale.providers") == null) {
            System.setProperty("java.locale.providers", "HOST");
        }
    }

    /** Runs one command line as a process would, with the given environment and streams. */
    public static int execute(String[] args, Map<String, String> env, Path cwd, InputStream in,
                              PrintStream out, PrintStream err) {
        return execute(args, env, cwd, in, out, err, null);
    }

    /** As above; {@code served} is the coordinator of a run inside a server (ServedCommandLines), else null. */
    static int execute(String[] args, Map<String, String> env, Path cwd, InputStream in, PrintStream out,
                       PrintStream err, Invocation.Served served) {
        List<String> argv = commandFirst(Arrays.asList(args));
        if (argv.isEmpty() || argv.getFirst().equals("--help") || argv.getFirst().equals("-h")
                || argv.getFirst().equals("help") && argv.size() == 1) {
            out.print(Help.overview());
            return ExitCode.OK;
        }
        if (argv.getFirst().equals("--version") || argv.getFirst().equals("version")) {
            out.println("huddle " + Help.version());
            return ExitCode.OK;
        }
        Output output = new Output(out, err, false, false);
        boolean helpWord = argv.getFirst().equals("help");
        String name = helpWord ? argv.get(1) : argv.getFirst();
        Command command = Commands.find(name);
        if (command == null) {
            output.error("unknown command '" + name + "'; 'huddle --help' lists the commands");
            return ExitCode.USAGE;
        }
        ArgSpec spec = GlobalOptions.withGlobals(command.spec(), command.mutating());
        List<String> rest = argv.subList(1, argv.size());
        if (helpWord || command.name().equals("hook") && GlobalOptions.asksHelp(rest)) {
            out.print(Help.command(command.name(), spec));
            return ExitCode.OK;
        }
        if (command.name().equals("hook")) {
            // Before the CLI's parsing and error mapping: agent programs let an edit through on exit 1
            // or 64, so the hook face answers every call itself, in the program's protocol.
            return HookMain.execute(rest, env, cwd, in, out, err);
        }
        boolean debug = "1".equals(env.get("HUDDLE_DEBUG"));
        try {
            // The one parse of the line: global options are read here with the command's own, and
            // everything after "--" is a positional, so "-- --json" or "-- --help" is text.
            ParsedArgs parsed = ParsedArgs.read(spec, rest, command.name());
            if (GlobalOptions.help(parsed)) {
                out.print(Help.command(command.name(), spec));
                return ExitCode.OK;
            }
            debug = debug || parsed.has(GlobalOptions.DEBUG);
            output = new Output(out, err, parsed.has(GlobalOptions.JSON), parsed.has(GlobalOptions.QUIET));
            parsed.requirePositionals(spec, command.name());
            try (Invocation inv = new Invocation(command.name(), parsed, output, env, cwd, in, served)) {
                return command.run(inv);
            }
        } catch (RuntimeException | Error failure) {
            output.error(message(failure));
            if (debug && !ExitCode.expected(failure)) {
                failure.printStackTrace(err);
            }
            return ExitCode.of(failure);
        } finally {
            output.flush();
        }
    }

    /**
     * Global options may come before the command ({@code huddle --agent a lock x}); they are moved
     * behind it, where the one parse reads them with the command's own. {@code --} stops the move.
     */
    static List<String> commandFirst(List<String> argv) {
        int i = 0;
        while (i < argv.size() && argv.get(i).startsWith("--") && !argv.get(i).equals("--")
                && !argv.get(i).equals("--help") && !argv.get(i).equals("--version")) {
            String opt = argv.get(i);
            boolean takesValue = (opt.equals(GlobalOptions.AGENT) || opt.equals(GlobalOptions.DB));
            i += takesValue ? 2 : 1;
        }
        if (i == 0 || i >= argv.size()) {
            return argv;
        }
        List<String> reordered = new java.util.ArrayList<>(argv.subList(i, argv.size()));
        reordered.addAll(1, argv.subList(0, i));
        return reordered;
    }

    private static String message(Throwable failure) {
        if (ExitCode.expected(failure) || failure instanceof dev.huddle.core.HuddleException) {
            return failure.getMessage();
        }
        return "internal error: " + failure + " (run again with --debug for details)";
    }
}

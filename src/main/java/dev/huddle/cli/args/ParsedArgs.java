package dev.huddle.cli.args;

import dev.huddle.core.text.SingleLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command line read against an {@link ArgSpec}, once: every option (the global ones included) is
 * taken from here, and nothing after {@code --} is an option, whatever it looks like.
 */
public final class ParsedArgs {

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> positionals = new ArrayList<>();

    /** Reads {@code args} and checks the number of positionals; any deviation is a {@link UsageException}. */
    public static ParsedArgs parse(ArgSpec spec, List<String> args, String command) {
        ParsedArgs parsed = read(spec, args, command);
        parsed.requirePositionals(spec, command);
        return parsed;
    }

    /**
     * Reads options and positionals without counting the positionals yet, so {@code huddle lock
     * --help} can be answered though {@code lock} needs a path.
     */
    public static ParsedArgs read(ArgSpec spec, List<String> args, String command) {
        ParsedArgs parsed = new ParsedArgs();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || arg.equals("-") || !arg.startsWith("-")) {
                parsed.positionals.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            Option option = spec.find(name);
            if (option == null) {
                throw new UsageException("unknown option " + name + " for 'huddle " + command
                        + "' (see 'huddle " + command + " --help'; put text that starts with '-' after '--')");
            }
            if (!option.repeatable() && parsed.values.containsKey(name)) {
                throw new UsageException("option " + name + " is given twice");
            }
            String value = switch (option.arity()) {
                case FLAG -> {
                    if (eq > 0) {
                        throw new UsageException("option " + name + " takes no value");
                    }
                    yield "";
                }
                case VALUE -> {
                    if (eq > 0) {
                        yield arg.substring(eq + 1);
                    }
                    if (i + 1 >= args.size()) {
                        throw new UsageException("option " + name + " needs a value: " + option.usage());
                    }
                    yield args.get(++i);
                }
                case OPTIONAL_VALUE -> eq > 0 ? arg.substring(eq + 1)
                        : i + 1 < args.size() && Option.looksLikeValue(args.get(i + 1)) ? args.get(++i) : "";
            };
            if (!option.multiLine()) {
                SingleLine.require("option " + name, value);
            }
            parsed.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return parsed;
    }

    /** Refuses fewer or more positionals than the command takes. */
    public void requirePositionals(ArgSpec spec, String command) {
        int n = positionals.size();
        if (n < spec.minPositionals() || n > spec.maxPositionals()) {
            throw new UsageException((n < spec.minPositionals() ? "missing arguments" : "too many arguments")
                    + " for 'huddle " + command + "': usage: huddle " + spec.usage());
        }
    }

    public boolean has(String option) {
        return values.containsKey(option);
    }

    /** The option's value; empty when absent (and "" for an optional value given without one). */
    public Optional<String> value(String option) {
        List<String> v = values.get(option);
        return v == null ? Optional.empty() : Optional.of(v.getLast());
    }

    public List<String> values(String option) {
        return values.getOrDefault(option, List.of());
    }

    public List<String> positionals() {
        return List.copyOf(positionals);
    }

    public String positional(int index) {
        return positionals.get(index);
    }
}

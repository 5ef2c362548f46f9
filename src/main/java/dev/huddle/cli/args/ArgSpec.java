package dev.huddle.cli.args;

import java.util.ArrayList;
import java.util.List;

/**
 * What a command accepts: options and a description of its positional arguments.
 *
 * <p>Huddle parses its own command lines instead of using picocli: picocli's jar is Java 5
 * bytecode that the JVM's AOT cache cannot store, which costs ~40 ms on every cold start
 * (notes/jvm-startup.md), more than half of the budget of a hook or {@code lock}. The rules are
 * the usual ones: options anywhere, {@code --name=value} or {@code --name value}, {@code --} ends
 * options, an unknown option is a usage error, and nothing that starts with {@code -} (other
 * than {@code -} itself, meaning stdin) is ever taken as message text.
 */
public record ArgSpec(String usage, String summary, List<Option> options, int minPositionals, int maxPositionals) {

    public ArgSpec {
        options = List.copyOf(options);
    }

    public static Builder of(String usage, String summary) {
        return new Builder(usage, summary);
    }

    Option find(String name) {
        return options.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
    }

    /** Collects a command's options. */
    public static final class Builder {
        private final String usage;
        private final String summary;
        private final List<Option> options = new ArrayList<>();
        private int min;
        private int max;

        private Builder(String usage, String summary) {
            this.usage = usage;
            this.summary = summary;
        }

        public Builder option(Option option) {
            options.add(option);
            return this;
        }

        public Builder positionals(int min, int max) {
            this.min = min;
            this.max = max;
            return this;
        }

        public ArgSpec build() {
            return new ArgSpec(usage, summary, options, min, max);
        }
    }
}

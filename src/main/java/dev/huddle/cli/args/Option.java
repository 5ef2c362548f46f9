package dev.huddle.cli.args;

/**
 * One option of a command. {@code arity}: a flag takes nothing, a value option takes one value,
 * an optional-value option ({@code --wait [D]}) takes the next argument only when
 * {@code looksLikeValue} accepts it. A value is one line unless {@code multiLine} (a description,
 * a conclusion): the parser refuses control characters in every other value
 * ({@link dev.huddle.core.text.SingleLine}), so a new option is safe by default.
 */
public record Option(String name, Arity arity, boolean repeatable, String valueName, String help, boolean multiLine) {

    /** How many values an option takes. */
    public enum Arity { FLAG, VALUE, OPTIONAL_VALUE }

    public static Option flag(String name, String help) {
        return new Option(name, Arity.FLAG, false, "", help, false);
    }

    public static Option value(String name, String valueName, String help) {
        return new Option(name, Arity.VALUE, false, valueName, help, false);
    }

    /** A value that may span lines (it is shown inside frames, never on one line of someone else's). */
    public static Option text(String name, String valueName, String help) {
        return new Option(name, Arity.VALUE, false, valueName, help, true);
    }

    public static Option repeated(String name, String valueName, String help) {
        return new Option(name, Arity.VALUE, true, valueName, help, false);
    }

    public static Option optionalValue(String name, String valueName, String help) {
        return new Option(name, Arity.OPTIONAL_VALUE, false, valueName, help, false);
    }

    /** An optional value must look like a duration or number, so a positional after the flag is never swallowed. */
    static boolean looksLikeValue(String arg) {
        return !arg.isEmpty() && Character.isDigit(arg.charAt(0));
    }

    String usage() {
        return switch (arity) {
            case FLAG -> name;
            case VALUE -> name + " " + valueName + (repeatable ? "..." : "");
            case OPTIONAL_VALUE -> name + " [" + valueName + "]";
        };
    }
}

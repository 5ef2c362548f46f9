package dev.huddle.store;

/**
 * What one work of a {@link Store#writeEach} batch came to: its value, or what it threw (undone
 * alone, the others committed). Handed back to the thread that asked for the work, which sees
 * the value returned or the failure thrown exactly as from {@link Store#write}.
 */
public record Written(Object value, Throwable failure) {

    public static Written done(Object value) {
        return new Written(value, null);
    }

    public static Written failed(Throwable failure) {
        return new Written(null, failure);
    }

    /** The value, or the failure thrown again (a work only throws unchecked). */
    public Object get() {
        switch (failure) {
            case null -> {
                return value;
            }
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(failure);
        }
    }
}

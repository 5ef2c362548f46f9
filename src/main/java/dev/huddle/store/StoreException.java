package dev.huddle.store;

/**
 * An infrastructure failure of the store, sorted by what the caller can do about it
 * (style rule 12). The cause is always kept.
 */
public sealed class StoreException extends RuntimeException
        permits StoreException.Busy, StoreException.Unavailable, StoreException.Corrupt,
                StoreException.ReadOnly, StoreException.Failure {

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Other writers held the store for longer than the retries allowed. */
    public static final class Busy extends StoreException {
        public Busy(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The store cannot be reached or opened (missing directory, server down). */
    public static final class Unavailable extends StoreException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The file is not a Huddle store or is damaged. */
    public static final class Corrupt extends StoreException {
        public Corrupt(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A write was attempted on a store that can only be read (read-only filesystem or permissions). */
    public static final class ReadOnly extends StoreException {
        public ReadOnly(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Anything else; a bug or an unexpected database error. */
    public static final class Failure extends StoreException {
        public Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

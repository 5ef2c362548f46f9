package dev.huddle.store;

import dev.huddle.core.HuddleException;

/**
 * An infrastructure failure of the store, sorted by what the caller can do about it
 * (style rule 12). The cause is always kept. Each is a {@link HuddleException} with a message the
 * user can act on, so faces report it without knowing the store exists.
 */
public sealed class StoreException extends HuddleException
        permits StoreException.Busy, StoreException.Unavailable, StoreException.Corrupt,
                StoreException.ReadOnly, StoreException.Full, StoreException.Failure {

    StoreException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }

    /** Other writers held the store for longer than the retries allowed. */
    public static final class Busy extends StoreException {
        public Busy(String message, Throwable cause) {
            super(Kind.FAILED, message, cause);
        }
    }

    /** The store cannot be reached or opened (missing directory, server down). */
    public static final class Unavailable extends StoreException {
        public Unavailable(String message, Throwable cause) {
            super(Kind.FAILED, message, cause);
        }
    }

    /** The file is not a Huddle store or is damaged. */
    public static final class Corrupt extends StoreException {
        public Corrupt(String message, Throwable cause) {
            super(Kind.FAILED, message, cause);
        }
    }

    /** A write was attempted on a store that can only be read (read-only filesystem or permissions). */
    public static final class ReadOnly extends StoreException {
        public ReadOnly(String message, Throwable cause) {
            super(Kind.FAILED, message, cause);
        }
    }

    /** A change cannot be saved because the store's disk is full; reading still works. */
    public static final class Full extends StoreException {
        public Full(String message, Throwable cause) {
            super(Kind.FAILED, message, cause);
        }
    }

    /** Anything else; a bug or an unexpected database error. */
    public static final class Failure extends StoreException {
        public Failure(String message, Throwable cause) {
            super(Kind.INTERNAL, message, cause);
        }
    }
}

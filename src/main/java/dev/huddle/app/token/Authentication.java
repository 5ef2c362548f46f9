package dev.huddle.app.token;

/** The answer to a presented bearer token: whose it is, or why it is refused. */
public sealed interface Authentication {

    /** A live token: the request acts as its principal. */
    record Authenticated(Principal principal) implements Authentication {}

    /** A refused token; the server answers 401 whatever the reason, the reason goes to the audit log. */
    record Refused(Reason reason) implements Authentication {}

    enum Reason {
        /** Not shaped like a Huddle token (wrong prefix, length or characters). */
        MALFORMED,
        /** Well-formed, but no token with that hash was issued. */
        UNKNOWN,
        REVOKED,
        EXPIRED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

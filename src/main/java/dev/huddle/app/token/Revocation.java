package dev.huddle.app.token;

/** The outcome of {@code token revoke}: the token as it is now, and whether this call revoked it. */
public record Revocation(TokenView token, boolean changed) {}

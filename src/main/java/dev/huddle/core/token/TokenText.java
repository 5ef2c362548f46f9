package dev.huddle.core.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The printed form of a token: {@code hdl_} and 32 random bytes in unpadded base64url (47
 * characters). The prefix lets secret scanners recognise a leaked token. The store keeps the
 * SHA-256 of the whole text; the first 16 hex digits of that hash are the token's public id, so
 * a presented token is looked up without keeping anything secret in an index.
 */
public final class TokenText {

    public static final String PREFIX = "hdl_";
    public static final int SECRET_BYTES = 32;
    /** Length of a well-formed token: the prefix and 43 base64url characters. */
    public static final int LENGTH = PREFIX.length() + 43;
    static final int ID_LENGTH = 16;

    private TokenText() {}

    /** The printed token for these random bytes. */
    public static String format(byte[] secret) {
        if (secret.length != SECRET_BYTES) {
            throw new IllegalArgumentException("a token secret has " + SECRET_BYTES + " bytes");
        }
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /**
     * The hex SHA-256 of a presented token, or empty when it is not a well-formed token (wrong
     * prefix or length, a character outside base64url, or a non-canonical last character).
     */
    public static Optional<String> hashOf(String presented) {
        if (presented == null || presented.length() != LENGTH || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String body = presented.substring(PREFIX.length());
        try {
            byte[] secret = Base64.getUrlDecoder().decode(body);
            if (secret.length != SECRET_BYTES || !format(secret).equals(presented)) {
                return Optional.empty();
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(sha256(presented));
    }

    /** The public id of the token with this hash. */
    public static String idOf(String hash) {
        return hash.substring(0, ID_LENGTH);
    }

    /** Whether {@code text} has the shape of a token id (what {@code token list} shows). */
    public static boolean isId(String text) {
        return text != null && text.length() == ID_LENGTH && text.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }

    /** Whether two hashes are equal, in time independent of where they differ. */
    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

package dev.huddle.core.message;

import dev.huddle.core.HuddleException;
import dev.huddle.core.text.SingleLine;
import java.nio.charset.StandardCharsets;

/** Validation of message bodies and subjects: non-empty and within the configured size. */
public final class MessageText {

    private MessageText() {}

    /** Returns the body unchanged when it is acceptable; refuses empty or oversized text. */
    public static String body(String body, int maxBytes) {
        if (body == null || body.isBlank()) {
            throw HuddleException.invalid("message is empty: give the text as arguments or '-' to read it from stdin");
        }
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxBytes) {
            throw HuddleException.invalid("message is " + kib(size) + " KiB, over the limit of " + kib(maxBytes)
                    + " KiB: shorten it or raise [messages] max_body_kib in huddle.toml");
        }
        return body;
    }

    public static String subject(String subject) {
        if (subject != null && (subject.isBlank() || subject.length() > 200 || subject.contains("\n"))) {
            throw HuddleException.invalid("subject must be one non-empty line of at most 200 characters");
        }
        return SingleLine.require("subject", subject);
    }

    /** A thread key: one line, like a subject (it is shown in every header of the thread). */
    public static String thread(String key) {
        if (key != null && (key.isBlank() || key.length() > 200)) {
            throw HuddleException.invalid("a thread key must be one non-empty line of at most 200 characters");
        }
        return SingleLine.require("thread key", key);
    }

    private static long kib(long bytes) {
        return (bytes + 1023) / 1024;
    }
}

package dev.huddle.core.message;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.clock.LamportTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A sent message. {@code recipients} keeps the addresses as the sender wrote them. */
public record Message(
        long id,
        AgentId sender,
        LamportTime stamp,
        Instant sentAt,
        Optional<String> subject,
        String body,
        Importance importance,
        boolean ackRequired,
        Optional<String> thread,
        Optional<Long> replyTo,
        List<String> recipients) {

    public Message {
        recipients = List.copyOf(recipients);
    }
}

package dev.huddle.app.message;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.message.Address;
import dev.huddle.core.message.Importance;
import java.util.List;
import java.util.Optional;

/** A message to send, as the faces pass it; validated by the use case. */
public record SendRequest(
        AgentId caller,
        List<Address> to,
        Optional<String> subject,
        String body,
        Importance importance,
        boolean ackRequired,
        Optional<String> thread,
        Optional<Long> replyTo) {

    public SendRequest {
        to = List.copyOf(to);
    }
}

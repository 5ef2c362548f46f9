package dev.huddle.app.message;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.message.Envelope;
import dev.huddle.core.message.Message;
import java.util.List;

/** What {@code send} did: the messages it received first, the message sent and who gets it. */
public record SendResult(List<Envelope> received, Message sent, List<AgentId> recipients) {

    public SendResult {
        received = List.copyOf(received);
        recipients = List.copyOf(recipients);
    }
}

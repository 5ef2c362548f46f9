package dev.huddle.app.session;

import dev.huddle.core.agent.AgentId;
import java.util.Optional;

/**
 * Who is calling from an agent program, as far as the call tells (DESIGN §4.1): the program
 * ({@code claude}, {@code codex}, {@code gemini}, {@code cursor}), the program's session id, and
 * an agent named outright ({@code --agent} or {@code HUDDLE_AGENT}), which wins over the session.
 */
public record SessionRef(String program, Optional<String> sessionId, Optional<AgentId> named) {

    public SessionRef {
        sessionId = sessionId.filter(s -> !s.isBlank());
    }
}

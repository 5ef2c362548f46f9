package dev.huddle.store.sqlite;

import dev.huddle.core.agent.AgentId;
import dev.huddle.store.SessionRows;
import java.time.Instant;
import java.util.Optional;

final class SqliteSessionRows implements SessionRows {

    private final Jdbc jdbc;

    SqliteSessionRows(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<AgentId> agentFor(String sessionId) {
        return jdbc.one("SELECT agent_id FROM sessions WHERE session_id = ?",
                rs -> new AgentId(rs.getString(1)), sessionId);
    }

    @Override
    public void bind(String sessionId, AgentId agent, String program, Instant at) {
        jdbc.update("""
                INSERT INTO sessions (session_id, agent_id, program, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (session_id) DO UPDATE SET agent_id = excluded.agent_id""",
                sessionId, agent.value(), program, at);
    }
}

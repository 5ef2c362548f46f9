package dev.huddle.store.sql;

import dev.huddle.core.agent.AgentId;
import dev.huddle.store.SessionRows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class SqlSessionRows implements SessionRows {

    private final SqlJdbc jdbc;

    SqlSessionRows(SqlJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<AgentId> agentFor(String sessionId) {
        return jdbc.one("SELECT agent_id FROM sessions WHERE session_id = ?",
                rs -> SqlParsed.agent(rs.getString(1)), sessionId);
    }

    @Override
    public void bind(String sessionId, AgentId agent, String program, Instant at) {
        jdbc.update("""
                INSERT INTO sessions (session_id, agent_id, program, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (session_id) DO UPDATE SET agent_id = excluded.agent_id""",
                sessionId, agent.value(), program, at);
    }

    @Override
    public List<Long> stopGuard(AgentId agent) {
        String ids = jdbc.one("SELECT message_ids FROM stop_guards WHERE agent_id = ?", rs -> rs.getString(1),
                agent.value()).orElse("");
        List<Long> out = new ArrayList<>();
        for (String id : ids.split(",")) {
            if (!id.isEmpty()) {
                out.add(Long.parseLong(id));
            }
        }
        return out;
    }

    @Override
    public void saveStopGuard(AgentId agent, List<Long> messageIds, Instant at) {
        String ids = String.join(",", messageIds.stream().map(String::valueOf).toList());
        jdbc.update("""
                INSERT INTO stop_guards (agent_id, message_ids, blocked_at) VALUES (?, ?, ?)
                ON CONFLICT (agent_id) DO UPDATE SET message_ids = excluded.message_ids, blocked_at = excluded.blocked_at""",
                agent.value(), ids, at);
    }
}

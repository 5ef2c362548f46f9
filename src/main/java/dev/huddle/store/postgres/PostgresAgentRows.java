package dev.huddle.store.postgres;

import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.agent.Role;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.frontier.Pointstamp;
import dev.huddle.store.AgentRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

final class PostgresAgentRows implements AgentRows {

    private static final String COLUMNS = """
            id, display_name, roles, program, model, task, worktree, branch, registered_at, last_seen,
            left_at, clock, epoch, round""";

    private final PostgresJdbc jdbc;

    PostgresAgentRows(PostgresJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Agent> find(AgentId id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM agents WHERE id = ?", PostgresAgentRows::agent, id.value());
    }

    @Override
    public List<Agent> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM agents ORDER BY id", PostgresAgentRows::agent);
    }

    @Override
    public void insert(Agent a) {
        jdbc.update("INSERT INTO agents (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                a.id().value(), a.profile().displayName(), roles(a.profile().roles()), a.profile().program(),
                a.profile().model(), a.profile().task(), a.profile().worktree(), a.profile().branch(),
                a.registeredAt(), a.lastSeen(), a.leftAt(), a.clock().value(), a.at().epoch(), a.at().round());
    }

    @Override
    public void update(Agent a) {
        jdbc.update("""
                UPDATE agents SET display_name = ?, roles = ?, program = ?, model = ?, task = ?, worktree = ?,
                  branch = ?, last_seen = ?, left_at = ?, clock = ?, epoch = ?, round = ?
                WHERE id = ?""",
                a.profile().displayName(), roles(a.profile().roles()), a.profile().program(), a.profile().model(),
                a.profile().task(), a.profile().worktree(), a.profile().branch(), a.lastSeen(), a.leftAt(),
                a.clock().value(), a.at().epoch(), a.at().round(), a.id().value());
    }

    private static String roles(List<Role> roles) {
        return roles.stream().map(Role::value).collect(Collectors.joining(","));
    }

    private static Agent agent(ResultSet rs) throws SQLException {
        String roles = rs.getString("roles");
        List<Role> parsed = roles == null || roles.isEmpty()
                ? List.of()
                : Arrays.stream(roles.split(",")).map(Role::new).toList();
        AgentProfile profile = new AgentProfile(PostgresJdbc.optionalText(rs, "display_name"), parsed,
                PostgresJdbc.optionalText(rs, "program"), PostgresJdbc.optionalText(rs, "model"), PostgresJdbc.optionalText(rs, "task"),
                PostgresJdbc.optionalText(rs, "worktree"), PostgresJdbc.optionalText(rs, "branch"));
        return new Agent(new AgentId(rs.getString("id")), profile, PostgresJdbc.instant(rs, "registered_at"),
                PostgresJdbc.instant(rs, "last_seen"), PostgresJdbc.optionalInstant(rs, "left_at"),
                new LamportTime(rs.getLong("clock")), new Pointstamp(rs.getLong("epoch"), rs.getLong("round")));
    }
}

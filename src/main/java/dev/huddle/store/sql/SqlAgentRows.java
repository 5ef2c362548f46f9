package dev.huddle.store.sql;

import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.AgentProfile;
import dev.huddle.core.agent.Role;
import dev.huddle.core.agent.Sighting;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.frontier.Pointstamp;
import dev.huddle.store.AgentRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

final class SqlAgentRows implements AgentRows {

    private static final String COLUMNS = """
            id, display_name, roles, program, model, task, worktree, branch, registered_at, last_seen,
            left_at, clock, epoch, round""";

    private final SqlJdbc jdbc;

    SqlAgentRows(SqlJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Agent> find(AgentId id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM agents WHERE id = ?", SqlAgentRows::agent, id.value());
    }

    @Override
    public List<Agent> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM agents ORDER BY id", SqlAgentRows::agent);
    }

    @Override
    public List<Sighting> sightings() {
        return jdbc.query("SELECT id, last_seen, left_at FROM agents ORDER BY id", rs -> new Sighting(
                SqlParsed.agent(rs.getString(1)), SqlValues.instant(rs, 2), SqlValues.optionalInstant(rs, 3)));
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
        jdbc.post("""
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

    /** A row of {@link #COLUMNS}, read by position in that order. */
    private static Agent agent(ResultSet rs) throws SQLException {
        String roles = rs.getString(3);
        List<Role> parsed = roles == null || roles.isEmpty()
                ? List.of()
                : Arrays.stream(roles.split(",")).map(Role::new).toList();
        AgentProfile profile = new AgentProfile(SqlValues.optionalText(rs, 2), parsed,
                SqlValues.optionalText(rs, 4), SqlValues.optionalText(rs, 5), SqlValues.optionalText(rs, 6),
                SqlValues.optionalText(rs, 7), SqlValues.optionalText(rs, 8));
        return new Agent(SqlParsed.agent(rs.getString(1)), profile, SqlValues.instant(rs, 9),
                SqlValues.instant(rs, 10), SqlValues.optionalInstant(rs, 11),
                new LamportTime(rs.getLong(12)), new Pointstamp(rs.getLong(13), rs.getLong(14)));
    }
}

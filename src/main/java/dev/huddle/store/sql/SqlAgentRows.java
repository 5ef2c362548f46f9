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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The agents table. Rows {@linkplain #expect expected} are read ahead in one statement and looked up
 * from that answer until this transaction writes them; then they are read again, so a write undone
 * to a savepoint leaves nothing stale behind. Only a writer expects rows: under the writers' lock no
 * one else changes them, so the answer stays what a read would give.
 */
final class SqlAgentRows implements AgentRows {

    private static final String COLUMNS = """
            id, display_name, roles, program, model, task, worktree, branch, registered_at, last_seen,
            left_at, clock, epoch, round""";

    private final SqlJdbc jdbc;
    /** Ids read ahead and not yet looked up from the answer, and the answers that hold them. */
    private final Set<AgentId> pending = new LinkedHashSet<>();
    private final List<SqlJdbc.Ahead<Agent>> ahead = new ArrayList<>();
    /** Rows known in this transaction (empty: no such agent), by id. */
    private final Map<AgentId, Optional<Agent>> known = new HashMap<>();
    /** The agents whose rows this transaction has written. */
    private final Set<AgentId> written = new HashSet<>();

    SqlAgentRows(SqlJdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Reads the rows of {@code ids} ahead: sent with the next statement, and looked up by
     * {@link #find} from that answer.
     */
    void expect(Collection<AgentId> ids) {
        List<AgentId> fresh = ids.stream().distinct().filter(id -> !known.containsKey(id) && !pending.contains(id))
                .toList();
        if (fresh.isEmpty()) {
            return;
        }
        // A few statement texts whatever the count (SqlPadded), so PostgreSQL keeps each one's prepared plan.
        for (List<AgentId> some : SqlPadded.lists(fresh)) {
            String marks = String.join(", ", Collections.nCopies(some.size(), "?"));
            ahead.add(jdbc.ahead(new SqlJdbc.Query<>("SELECT " + COLUMNS + " FROM agents WHERE id IN (" + marks + ")",
                    SqlAgentRows::agent, some.stream().map(AgentId::value).toArray())));
        }
        pending.addAll(fresh);
    }

    @Override
    public Optional<Agent> find(AgentId id) {
        if (pending.contains(id)) {
            for (SqlJdbc.Ahead<Agent> answer : ahead) {
                for (Agent a : answer.rows()) {
                    if (pending.contains(a.id())) {
                        known.put(a.id(), Optional.of(a));
                    }
                }
            }
            for (AgentId each : pending) {
                known.putIfAbsent(each, Optional.empty());
            }
            pending.clear();
            ahead.clear();
        }
        Optional<Agent> kept = known.get(id);
        if (kept != null) {
            return kept;
        }
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
        unknow(a.id());
        jdbc.update("INSERT INTO agents (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                a.id().value(), a.profile().displayName(), roles(a.profile().roles()), a.profile().program(),
                a.profile().model(), a.profile().task(), a.profile().worktree(), a.profile().branch(),
                a.registeredAt(), a.lastSeen(), a.leftAt(), a.clock().value(), a.at().epoch(), a.at().round());
    }

    @Override
    public void update(Agent a) {
        // An action saves its agent's row as its clock moves (acting, receiving, a second event):
        // only the last save before something reads the table needs to reach the server.
        jdbc.postLast("agents", a.id(), """
                UPDATE agents SET display_name = ?, roles = ?, program = ?, model = ?, task = ?, worktree = ?,
                  branch = ?, last_seen = ?, left_at = ?, clock = ?, epoch = ?, round = ?
                WHERE id = ?""",
                a.profile().displayName(), roles(a.profile().roles()), a.profile().program(), a.profile().model(),
                a.profile().task(), a.profile().worktree(), a.profile().branch(), a.lastSeen(), a.leftAt(),
                a.clock().value(), a.at().epoch(), a.at().round(), a.id().value());
        unknow(a.id());
    }

    /** A row this transaction writes is read again when next looked up: the write is the store's to keep. */
    private void unknow(AgentId id) {
        written.add(id);
        pending.remove(id);
        known.remove(id);
    }

    /** Whether this transaction has written {@code id}'s row. */
    boolean written(AgentId id) {
        return written.contains(id);
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

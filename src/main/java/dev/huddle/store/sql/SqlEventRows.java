package dev.huddle.store.sql;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import dev.huddle.json.MiniJson;
import dev.huddle.store.EventRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class SqlEventRows implements EventRows {

    private final SqlJdbc jdbc;

    SqlEventRows(SqlJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void append(Event e) {
        jdbc.post("INSERT INTO events (stamp, agent, wall, kind, task, path, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
                e.stamp().value(), e.agent().map(AgentId::value), e.wall(), e.kind(), e.task(), e.path(),
                MiniJson.write(e.data()));
    }

    @Override
    public List<Event> query(EventFilter f) {
        return jdbc.query(select(f, " ORDER BY seq LIMIT ?"), SqlEventRows::event, args(f));
    }

    @Override
    public List<Event> causal(EventFilter f) {
        String latest = select(f, " ORDER BY stamp DESC, agent DESC NULLS LAST, seq DESC LIMIT ?");
        return jdbc.query("SELECT * FROM (" + latest + ") latest ORDER BY stamp, agent NULLS FIRST, seq", SqlEventRows::event, args(f));
    }

    @Override
    public long countFrom(LamportTime from, long cap) {
        // Reads the index events_causal (stamp, agent) only, and at most cap entries of it. The ORDER
        // BY keeps it so in PostgreSQL's generic plan too: without it, a range of unknown bound under a
        // LIMIT is costed as a heap walk stopping early, but the rows asked for are the newest, at the
        // end of the heap, so the walk read every event ever kept on every lock, unlock and send.
        return jdbc.number("SELECT count(*) FROM (SELECT 1 FROM events WHERE stamp >= ? ORDER BY stamp LIMIT ?) capped",
                from.value(), cap);
    }

    @Override
    public List<Event> recent(LamportTime from, int limit) {
        // Walks events_causal backwards from the newest: reads only the rows returned.
        return jdbc.query("SELECT seq, stamp, agent, wall, kind, task, path FROM events WHERE stamp >= ?"
                + " ORDER BY stamp DESC, agent DESC NULLS LAST LIMIT ?", SqlEventRows::mark, from.value(), limit);
    }

    @Override
    public List<Event> recentOn(LamportTime from, int limit, List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        // The window first (at most limit index entries, as recent reads), then the filter, in SQL.
        StringBuilder sql = new StringBuilder("SELECT seq, stamp, agent, wall, kind, task, path FROM (")
                .append("SELECT seq, stamp, agent, wall, kind, task, path FROM events WHERE stamp >= ?")
                .append(" ORDER BY stamp DESC, agent DESC NULLS LAST LIMIT ?) newest WHERE path IS NOT NULL AND ");
        List<Object> args = new ArrayList<>(List.of(from.value(), limit));
        SqlNear.append("path", texts, sql, args);
        sql.append(" ORDER BY stamp DESC, agent DESC NULLS LAST");
        return jdbc.query(sql.toString(), SqlEventRows::mark, args.toArray());
    }

    private static Event mark(ResultSet rs) throws SQLException {
        String agent = rs.getString("agent");
        return new Event(rs.getLong("seq"), new LamportTime(rs.getLong("stamp")),
                Optional.ofNullable(agent).map(AgentId::new), SqlValues.instant(rs, "wall"), rs.getString("kind"),
                SqlValues.optionalText(rs, "task"), SqlValues.optionalText(rs, "path"), Map.of());
    }

    private static String select(EventFilter f, String tail) {
        StringBuilder sql = new StringBuilder("SELECT seq, stamp, agent, wall, kind, task, path, data FROM events WHERE seq > ?");
        f.by().ifPresent(a -> sql.append(" AND agent = ?"));
        // substr comparisons, not LIKE: LIKE ignores case, and paths and kinds are case-sensitive.
        f.kind().ifPresent(k -> sql.append(" AND (kind = ? OR substr(kind, 1, ?) = ?)"));
        f.task().ifPresent(t -> sql.append(" AND task = ?"));
        f.path().ifPresent(p -> sql.append(" AND (path = ? OR substr(path, 1, ?) = ?)"));
        return sql.append(tail).toString();
    }

    private static Object[] args(EventFilter f) {
        List<Object> args = new ArrayList<>(List.of(f.afterSeq()));
        f.by().ifPresent(a -> args.add(a.value()));
        f.kind().ifPresent(k -> args.addAll(List.of(k, k.length() + 1, k + ".")));
        f.task().ifPresent(args::add);
        f.path().ifPresent(p -> args.addAll(List.of(p, p.length() + 1, p + "/")));
        args.add(f.limit());
        return args.toArray();
    }

    @Override
    public long lastSeq() {
        return jdbc.number("SELECT coalesce(max(seq), 0) FROM events");
    }


    private static Event event(ResultSet rs) throws SQLException {
        String agent = rs.getString("agent");
        return new Event(rs.getLong("seq"), new LamportTime(rs.getLong("stamp")),
                Optional.ofNullable(agent).map(AgentId::new), SqlValues.instant(rs, "wall"), rs.getString("kind"),
                SqlValues.optionalText(rs, "task"), SqlValues.optionalText(rs, "path"), MiniJson.readObject(rs.getString("data")));
    }
}

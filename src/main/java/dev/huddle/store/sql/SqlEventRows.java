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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

final class SqlEventRows implements EventRows {

    /** The newest events from a stamp on, at most a limit, in causal order backwards (events_causal). */
    private static final String WINDOW = "SELECT seq, stamp, agent, wall, kind, task, path FROM events"
            + " WHERE stamp >= ? ORDER BY stamp DESC, agent DESC NULLS LAST LIMIT ?";

    /**
     * How many of the newest events a batch reads when it begins ({@link #inBatch}): one more than
     * the window the actors ask for (16), which tells that there are more.
     */
    static final int KEPT = 17;

    /** The order of a window: newest first ({@link #WINDOW}'s ORDER BY). */
    private static final Comparator<Event> NEWEST_FIRST = Comparator.comparing(Event::stamp).reversed()
            .thenComparing(e -> e.agent().map(AgentId::value).orElse(null),
                    Comparator.nullsFirst(Comparator.<String>naturalOrder()).reversed());

    private final SqlJdbc jdbc;
    /** In a batch: the {@link #KEPT} newest events when it began, read with its first statement; null otherwise. */
    private SqlJdbc.Ahead<Event> newest;
    /** In a batch: the events its works appended since, in order, without their data. */
    private final List<Event> appended = new ArrayList<>();

    SqlEventRows(SqlJdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The transaction is a batch's, under the writers' lock, so nobody else appends while it runs:
     * the newest events are read once, with the next statement, and each work's window is then
     * made from them and from what the works before it appended, without a read of its own (on
     * PostgreSQL that read, made by every lock, unlock and send, cost more than any other read of
     * theirs: docs/decisions.md, "A batch keeps the newest events"). The window holds at most one
     * more than its limit of the newest events from a stamp on, and those are always among the
     * newest {@link #KEPT} read and the ones appended since: any event ranked before one of them is
     * newer, so from that stamp on too.
     */
    void inBatch() {
        newest = jdbc.ahead(new SqlJdbc.Query<>("SELECT seq, stamp, agent, wall, kind, task, path FROM events"
                + " ORDER BY stamp DESC, agent DESC NULLS LAST LIMIT ?", SqlEventRows::mark, KEPT));
        appended.clear();
    }

    /** A work of the batch was undone: what was appended is no longer known, and windows are read again. */
    void rolledBack() {
        newest = null;
        appended.clear();
    }

    @Override
    public void append(Event e) {
        jdbc.post("INSERT INTO events (stamp, agent, wall, kind, task, path, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
                e.stamp().value(), e.agent().map(AgentId::value), e.wall(), e.kind(), e.task(), e.path(),
                MiniJson.write(e.data()));
        if (newest != null) {
            appended.add(new Event(0, e.stamp(), e.agent(), e.wall(), e.kind(), e.task(), e.path(), Map.of()));
        }
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
    public Window window(LamportTime from, int limit, List<String> texts) {
        if (kept(limit)) {
            return keptWindow(newest, appended, from, limit, texts);
        }
        return window(jdbc.query(windowRead(from, limit, texts)));
    }

    @Override
    public Supplier<Window> windowAhead(LamportTime from, int limit, List<String> texts) {
        if (kept(limit)) {
            // As a read sent now would: the events appended after this are not in it.
            SqlJdbc.Ahead<Event> read = newest;
            List<Event> before = List.copyOf(appended);
            return () -> keptWindow(read, before, from, limit, texts);
        }
        SqlJdbc.Ahead<Near> rows = jdbc.ahead(windowRead(from, limit, texts));
        return () -> window(rows.rows());
    }

    /** Whether a window of {@code limit} can be made from what the batch keeps. */
    private boolean kept(int limit) {
        return newest != null && limit < KEPT;
    }

    /**
     * What {@link #windowRead} would answer, made from the newest events the batch read and those
     * appended since: the at most limit + 1 newest from {@code from} on, counted, the newest time,
     * and (when no more than the limit) those near the texts.
     */
    private static Window keptWindow(SqlJdbc.Ahead<Event> read, List<Event> appended, LamportTime from, int limit,
            List<String> texts) {
        List<Event> all = new ArrayList<>(read.rows());
        all.addAll(appended);
        all.removeIf(e -> e.stamp().compareTo(from) < 0);
        all.sort(NEWEST_FIRST);
        int newer = Math.min(all.size(), limit + 1);
        if (newer == 0) {
            return new Window(0, LamportTime.ZERO, List.of());
        }
        LamportTime newestTime = all.getFirst().stamp();
        if (newer > limit) {
            return new Window(newer, newestTime, List.of());
        }
        List<Event> near = texts.isEmpty() ? all : all.stream().filter(e -> e.path().isPresent()
                && SqlNear.matches(e.path().get(), texts)).toList();
        return new Window(newer, newestTime, List.copyOf(near));
    }

    /** One row of the window's read: the count and the newest time, and an event near the texts or none. */
    private record Near(int newer, LamportTime newest, Event event) {}

    private static Window window(List<Near> rows) {
        List<Event> events = new ArrayList<>(rows.size());
        for (Near row : rows) {
            if (row.event() != null) {
                events.add(row.event());
            }
        }
        Near first = rows.isEmpty() ? new Near(0, LamportTime.ZERO, null) : rows.getFirst();
        return new Window(first.newer(), first.newest(), List.copyOf(events));
    }

    private static SqlJdbc.Query<Near> windowRead(LamportTime from, int limit, List<String> texts) {
        // The window is read as recent events always were: events_causal walked back from the newest,
        // at most limit + 1 entries (the one past the limit tells that there are more), in an order
        // that keeps PostgreSQL's generic plan on the index too. The store counts the window and
        // sends its rows near the texts (every row when there are none), each with the count and
        // the newest time, or one row of those alone when none is: most of a window is other
        // agents' files, which cost PostgreSQL's output and the client's decoding on every lock
        // and unlock for nothing.
        List<Object> args = new ArrayList<>(List.of(from.value(), limit + 1));
        StringBuilder sql = new StringBuilder("WITH w AS MATERIALIZED (").append(WINDOW).append(")")
                .append(" SELECT c.newer, c.newest, n.seq, n.stamp, n.agent, n.wall, n.kind, n.task, n.path")
                .append(" FROM (SELECT count(*) AS newer, max(stamp) AS newest FROM w) c")
                .append(" LEFT JOIN (SELECT * FROM w WHERE ");
        if (texts.isEmpty()) {
            sql.append("1 = 1");
        } else {
            sql.append("path IS NOT NULL AND ");
            SqlNear.append("path", texts, sql, args);
        }
        sql.append(") n ON 1 = 1 ORDER BY n.stamp DESC, n.agent DESC NULLS LAST");
        return new SqlJdbc.Query<>(sql.toString(), rs -> {
            int newer = rs.getInt("newer");
            LamportTime newest = new LamportTime(rs.getLong("newest"));
            rs.getLong("seq");
            // Past the limit the caller moves past the newest time without sifting: no event is kept.
            return new Near(newer, newest, rs.wasNull() || newer > limit ? null : mark(rs));
        }, args.toArray());
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

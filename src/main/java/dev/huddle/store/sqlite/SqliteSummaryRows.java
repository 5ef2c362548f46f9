package dev.huddle.store.sqlite;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.summary.SummaryEntry;
import dev.huddle.core.summary.SummaryRound;
import dev.huddle.store.SummaryRows;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

final class SqliteSummaryRows implements SummaryRows {

    private final Jdbc jdbc;

    SqliteSummaryRows(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public SummaryRound insert(SummaryRound r) {
        jdbc.update("INSERT INTO summary_rounds (started_by, started_at, agents, collected_at) VALUES (?, ?, ?, ?)",
                r.startedBy().value(), r.startedAt(), r.order().stream().map(AgentId::value).collect(Collectors.joining(",")),
                r.collectedAt());
        long id = jdbc.number("SELECT last_insert_rowid()");
        return new SummaryRound(id, r.startedBy(), r.startedAt(), r.order(), r.collectedAt());
    }

    @Override
    public Optional<SummaryRound> latest() {
        return jdbc.one("SELECT id, started_by, started_at, agents, collected_at FROM summary_rounds ORDER BY id DESC LIMIT 1",
                rs -> new SummaryRound(rs.getLong("id"), new AgentId(rs.getString("started_by")),
                        Jdbc.instant(rs, "started_at"),
                        Arrays.stream(rs.getString("agents").split(",")).map(AgentId::new).toList(),
                        Jdbc.optionalInstant(rs, "collected_at")));
    }

    @Override
    public List<SummaryEntry> entries(long round) {
        return jdbc.query("SELECT round, author, at, text FROM summary_entries WHERE round = ? ORDER BY at, author",
                rs -> new SummaryEntry(rs.getLong("round"), new AgentId(rs.getString("author")), Jdbc.instant(rs, "at"),
                        rs.getString("text")), round);
    }

    @Override
    public void write(SummaryEntry e) {
        jdbc.update("INSERT INTO summary_entries (round, author, at, text) VALUES (?, ?, ?, ?)",
                e.round(), e.author().value(), e.at(), e.text());
    }

    @Override
    public void markCollected(long round, Instant at) {
        jdbc.update("UPDATE summary_rounds SET collected_at = coalesce(collected_at, ?) WHERE id = ?", at, round);
    }
}

package dev.huddle.store.sql;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.summary.SummaryEntry;
import dev.huddle.core.summary.SummaryRound;
import dev.huddle.store.SummaryRows;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

final class SqlSummaryRows implements SummaryRows {

    private final SqlJdbc jdbc;

    SqlSummaryRows(SqlJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public SummaryRound insert(SummaryRound r) {
        long id = jdbc.number("INSERT INTO summary_rounds (started_by, started_at, agents, collected_at) VALUES (?, ?, ?, ?)"
                + " RETURNING id",
                r.startedBy().value(), r.startedAt(), r.order().stream().map(AgentId::value).collect(Collectors.joining(",")),
                r.collectedAt());
        return new SummaryRound(id, r.startedBy(), r.startedAt(), r.order(), r.collectedAt());
    }

    @Override
    public Optional<SummaryRound> latest() {
        return jdbc.one("SELECT id, started_by, started_at, agents, collected_at FROM summary_rounds ORDER BY id DESC LIMIT 1",
                rs -> new SummaryRound(rs.getLong("id"), SqlParsed.agent(rs.getString("started_by")),
                        SqlValues.instant(rs, "started_at"),
                        Arrays.stream(rs.getString("agents").split(",")).map(AgentId::new).toList(),
                        SqlValues.optionalInstant(rs, "collected_at")));
    }

    @Override
    public List<SummaryEntry> entries(long round) {
        return jdbc.query("SELECT round, author, at, text FROM summary_entries WHERE round = ? ORDER BY at, author",
                rs -> new SummaryEntry(rs.getLong("round"), SqlParsed.agent(rs.getString("author")), SqlValues.instant(rs, "at"),
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

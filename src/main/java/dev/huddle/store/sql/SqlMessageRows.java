package dev.huddle.store.sql;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.message.Delivery;
import dev.huddle.core.message.Envelope;
import dev.huddle.core.message.Importance;
import dev.huddle.core.message.Message;
import dev.huddle.store.MessageRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

final class SqlMessageRows implements MessageRows {

    private static final String COLUMNS = """
            m.id, m.sender, m.stamp, m.sent_at, m.subject, m.body, m.importance, m.ack_required, m.thread,
            m.reply_to, m.recipients""";
    private static final String ENVELOPE = COLUMNS + ", d.recipient, d.delivered_at, d.read_at, d.acked_at";

    /** Every message of the recipient's inbox, read or not, oldest first. */
    private static final String INBOX = inbox("");

    /** The messages the recipient has not read, oldest first. */
    private static final String UNREAD = inbox(" AND read_at IS NULL");

    /**
     * The recipient's deliveries, first by the deliveries' key up to the limit, in message id
     * order, and then their messages by id. Two statements, not one with "(? OR read_at IS NULL)":
     * a plan made for any value of that switch cannot tell that the unread are few. And the
     * deliveries are limited in a subquery of their own, so no plan merge-joins them with
     * messages_pkey walked from the oldest message ever sent, which PostgreSQL's generic plan
     * did for every inbox read. Every delivery has its message (a foreign key; messages are not
     * deleted), so limiting before the join keeps the rows limiting after it kept.
     */
    private static String inbox(String condition) {
        return "SELECT " + ENVELOPE + " FROM (SELECT recipient, message_id, delivered_at, read_at, acked_at"
                + " FROM deliveries WHERE recipient = ?" + condition + " ORDER BY message_id LIMIT ?) d"
                + " JOIN messages m ON m.id = d.message_id ORDER BY d.message_id";
    }

    private static final String INSERT = """
            INSERT INTO messages (sender, stamp, sent_at, subject, body, importance, ack_required, thread,
              reply_to, recipients) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""";

    /** A message whose id the batch handed out itself ({@link SqlBatchIds}), moving the ids' sequence to it. */
    private static final String INSERT_WITH_ID = """
            INSERT INTO messages (id, sender, stamp, sent_at, subject, body, importance, ack_required, thread,
              reply_to, recipients) VALUES (%s, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final SqlJdbc jdbc;
    private final SqlSearch search;
    private final SqlBatchIds ids;

    SqlMessageRows(SqlJdbc jdbc, SqlDialect dialect, SqlBatchIds ids) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.search = dialect.search();
    }

    @Override
    public Message insert(Message m, List<AgentId> recipients) {
        Object[] values = {m.sender().value(), m.stamp().value(), m.sentAt(), m.subject(), m.body(),
            m.importance().label(), m.ackRequired() ? 1 : 0, m.thread(), m.replyTo(), String.join(",", m.recipients())};
        long id;
        if (ids.knows(SqlBatchIds.Kind.MESSAGE)) {
            id = ids.take(SqlBatchIds.Kind.MESSAGE);
            Object[] withId = new Object[values.length + 1];
            withId[0] = id;
            System.arraycopy(values, 0, withId, 1, values.length);
            jdbc.post(ids.storing("messages", INSERT_WITH_ID), withId);
        } else {
            id = jdbc.number(INSERT, values);
            ids.took(SqlBatchIds.Kind.MESSAGE, id);
        }
        for (AgentId r : recipients) {
            jdbc.post("INSERT INTO deliveries (recipient, message_id) VALUES (?, ?)", r.value(), id);
        }
        return new Message(id, m.sender(), m.stamp(), m.sentAt(), m.subject(), m.body(), m.importance(),
                m.ackRequired(), m.thread(), m.replyTo(), m.recipients());
    }

    @Override
    public Optional<Message> find(long id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM messages m WHERE m.id = ?", SqlMessageRows::message, id);
    }

    @Override
    public List<Envelope> inbox(AgentId recipient, boolean includeRead, int limit) {
        return jdbc.query(inboxRead(recipient, includeRead, limit));
    }

    @Override
    public Supplier<List<Envelope>> inboxAhead(AgentId recipient, boolean includeRead, int limit) {
        return jdbc.ahead(inboxRead(recipient, includeRead, limit))::rows;
    }

    private static SqlJdbc.Query<Envelope> inboxRead(AgentId recipient, boolean includeRead, int limit) {
        return new SqlJdbc.Query<>(includeRead ? INBOX : UNREAD, SqlMessageRows::envelope, recipient.value(), limit);
    }

    @Override
    public List<Envelope> undelivered(AgentId recipient, long afterId, int limit) {
        return jdbc.query("SELECT " + ENVELOPE + """
                 FROM deliveries d JOIN messages m ON m.id = d.message_id
                WHERE d.recipient = ? AND d.read_at IS NULL AND d.delivered_at IS NULL AND d.message_id > ?
                ORDER BY d.message_id LIMIT ?""", SqlMessageRows::envelope, recipient.value(), afterId, limit);
    }

    @Override
    public Optional<Envelope> envelope(long messageId, AgentId recipient) {
        return jdbc.one("SELECT " + ENVELOPE + """
                 FROM deliveries d JOIN messages m ON m.id = d.message_id
                WHERE d.recipient = ? AND d.message_id = ?""", SqlMessageRows::envelope, recipient.value(), messageId);
    }

    @Override
    public void markDelivered(long messageId, AgentId recipient, Instant at) {
        jdbc.post("UPDATE deliveries SET delivered_at = coalesce(delivered_at, ?) WHERE recipient = ? AND message_id = ?",
                at, recipient.value(), messageId);
    }

    @Override
    public void markRead(long messageId, AgentId recipient, Instant at) {
        jdbc.post("UPDATE deliveries SET read_at = coalesce(read_at, ?) WHERE recipient = ? AND message_id = ?",
                at, recipient.value(), messageId);
    }

    @Override
    public void markAcked(long messageId, AgentId recipient, Instant at) {
        jdbc.post("""
                UPDATE deliveries SET acked_at = coalesce(acked_at, ?), read_at = coalesce(read_at, ?)
                WHERE recipient = ? AND message_id = ?""", at, at, recipient.value(), messageId);
    }

    @Override
    public List<Message> thread(String key) {
        // The id compared as a number (a key that is no id's text matches none): the text of every
        // id, "CAST(m.id AS TEXT) = ?", could be found on no index, and read every message kept.
        long id = key.matches("[1-9][0-9]{0,17}") ? Long.parseLong(key) : 0;
        return jdbc.query("SELECT " + COLUMNS + " FROM messages m WHERE m.thread = ? OR m.id = ? ORDER BY m.id",
                SqlMessageRows::message, key, id);
    }

    @Override
    public List<Message> search(String query, int limit) {
        Optional<SqlSearch.Clause> clause = search.clause(query);
        if (clause.isEmpty()) {
            return List.of();
        }
        List<Object> args = new ArrayList<>(clause.get().args());
        args.add(limit);
        return jdbc.query("SELECT " + COLUMNS + clause.get().sql() + " LIMIT ?", SqlMessageRows::message, args.toArray());
    }

    @Override
    public List<Message> after(long afterId, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM messages m WHERE m.id > ? ORDER BY m.id LIMIT ?",
                SqlMessageRows::message, afterId, limit);
    }

    @Override
    public long unreadCount(AgentId recipient) {
        return jdbc.number("SELECT count(*) FROM deliveries WHERE recipient = ? AND read_at IS NULL", recipient.value());
    }

    @Override
    public long count() {
        return jdbc.number("SELECT count(*) FROM messages");
    }

    private static Message message(ResultSet rs) throws SQLException {
        long replyTo = rs.getLong("reply_to");
        Optional<Long> reply = rs.wasNull() ? Optional.empty() : Optional.of(replyTo);
        String recipients = rs.getString("recipients");
        return new Message(rs.getLong("id"), SqlParsed.agent(rs.getString("sender")), new LamportTime(rs.getLong("stamp")),
                SqlValues.instant(rs, "sent_at"), SqlValues.optionalText(rs, "subject"), rs.getString("body"),
                Importance.valueOf(rs.getString("importance").toUpperCase()), rs.getInt("ack_required") != 0,
                SqlValues.optionalText(rs, "thread"), reply, List.of(recipients.split(",")));
    }

    private static Envelope envelope(ResultSet rs) throws SQLException {
        Message m = message(rs);
        return new Envelope(m, new Delivery(m.id(), SqlParsed.agent(rs.getString("recipient")),
                SqlValues.optionalInstant(rs, "delivered_at"), SqlValues.optionalInstant(rs, "read_at"),
                SqlValues.optionalInstant(rs, "acked_at")));
    }
}

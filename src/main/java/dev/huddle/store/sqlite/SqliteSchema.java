package dev.huddle.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Numbered forward migrations. {@code PRAGMA user_version} records how many have run; each runs
 * once, inside the write transaction that first finds the store behind.
 */
final class SqliteSchema {

    static final List<String> MIGRATIONS = List.of(
            """
            CREATE TABLE agents (
              id TEXT PRIMARY KEY,
              display_name TEXT, roles TEXT NOT NULL DEFAULT '', program TEXT, model TEXT, task TEXT,
              worktree TEXT, branch TEXT,
              registered_at INTEGER NOT NULL, last_seen INTEGER NOT NULL, left_at INTEGER,
              clock INTEGER NOT NULL DEFAULT 0, epoch INTEGER NOT NULL DEFAULT 0, round INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE sessions (
              session_id TEXT PRIMARY KEY,
              agent_id TEXT NOT NULL REFERENCES agents(id),
              program TEXT, created_at INTEGER NOT NULL
            );
            CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
            INSERT INTO counters (name, value) VALUES ('fence', 0);
            CREATE TABLE leases (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              resource TEXT NOT NULL, holder TEXT NOT NULL REFERENCES agents(id), mode TEXT NOT NULL,
              token INTEGER NOT NULL UNIQUE, reason TEXT, task TEXT,
              granted_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
              released_at INTEGER, released_by TEXT, release_reason TEXT
            );
            CREATE INDEX leases_open ON leases(expires_at) WHERE released_at IS NULL;
            CREATE TABLE lease_waiters (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              agent TEXT NOT NULL REFERENCES agents(id), resources TEXT NOT NULL, mode TEXT NOT NULL,
              stamp INTEGER NOT NULL, alive_until INTEGER NOT NULL
            );
            CREATE TABLE messages (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              sender TEXT NOT NULL REFERENCES agents(id), stamp INTEGER NOT NULL, sent_at INTEGER NOT NULL,
              subject TEXT, body TEXT NOT NULL, importance TEXT NOT NULL, ack_required INTEGER NOT NULL,
              thread TEXT, reply_to INTEGER, recipients TEXT NOT NULL
            );
            CREATE INDEX messages_thread ON messages(thread);
            CREATE TABLE deliveries (
              recipient TEXT NOT NULL REFERENCES agents(id),
              message_id INTEGER NOT NULL REFERENCES messages(id),
              delivered_at INTEGER, read_at INTEGER, acked_at INTEGER,
              PRIMARY KEY (recipient, message_id)
            ) WITHOUT ROWID;
            CREATE VIRTUAL TABLE messages_fts USING fts5(subject, body, content='messages', content_rowid='id');
            CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN \
            INSERT INTO messages_fts(rowid, subject, body) VALUES (new.id, coalesce(new.subject, ''), new.body); END;
            CREATE TABLE events (
              seq INTEGER PRIMARY KEY AUTOINCREMENT,
              stamp INTEGER NOT NULL, agent TEXT, wall INTEGER NOT NULL, kind TEXT NOT NULL,
              task TEXT, path TEXT, data TEXT NOT NULL
            );
            CREATE INDEX events_causal ON events(stamp, agent);
            """,
            // 2: the work board (DESIGN §4.6, §4.7). Task ids are kept whole (id) for references
            // and split (prefix, number) so the ready order can tie-break on them in SQL.
            """
            CREATE TABLE tasks (
              seq INTEGER PRIMARY KEY AUTOINCREMENT,
              id TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL, number INTEGER NOT NULL,
              queue TEXT NOT NULL, title TEXT NOT NULL, description TEXT,
              priority INTEGER NOT NULL, status TEXT NOT NULL,
              assignee TEXT REFERENCES agents(id), claim_token INTEGER, claimed_at INTEGER,
              files TEXT NOT NULL, labels TEXT NOT NULL, parent TEXT REFERENCES tasks(id),
              created_by TEXT NOT NULL REFERENCES agents(id), created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
              due_at INTEGER, blocked_reason TEXT, conclusion TEXT, version INTEGER NOT NULL
            );
            CREATE INDEX tasks_ready ON tasks(priority, created_at, prefix, number) WHERE status = 'open' AND assignee IS NULL;
            CREATE INDEX tasks_assignee ON tasks(assignee) WHERE assignee IS NOT NULL;
            CREATE INDEX tasks_queue_status ON tasks(queue, status);
            CREATE INDEX tasks_due ON tasks(due_at) WHERE due_at IS NOT NULL;
            CREATE TABLE task_deps (
              blocker TEXT NOT NULL REFERENCES tasks(id),
              blocked TEXT NOT NULL REFERENCES tasks(id),
              PRIMARY KEY (blocked, blocker)
            ) WITHOUT ROWID;
            CREATE INDEX task_deps_blocker ON task_deps(blocker);
            CREATE TABLE task_remarks (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              task TEXT NOT NULL REFERENCES tasks(id), author TEXT NOT NULL REFERENCES agents(id),
              at INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL
            );
            CREATE INDEX task_remarks_task ON task_remarks(task, id);
            CREATE TABLE decisions (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              author TEXT NOT NULL REFERENCES agents(id), stamp INTEGER NOT NULL, at INTEGER NOT NULL,
              text TEXT NOT NULL, task TEXT REFERENCES tasks(id)
            );
            CREATE INDEX decisions_task ON decisions(task) WHERE task IS NOT NULL;
            CREATE TABLE summary_rounds (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              started_by TEXT NOT NULL REFERENCES agents(id), started_at INTEGER NOT NULL,
              agents TEXT NOT NULL, collected_at INTEGER
            );
            CREATE TABLE summary_entries (
              round INTEGER NOT NULL REFERENCES summary_rounds(id),
              author TEXT NOT NULL REFERENCES agents(id),
              at INTEGER NOT NULL, text TEXT NOT NULL,
              PRIMARY KEY (round, author)
            ) WITHOUT ROWID;
            CREATE INDEX events_task ON events(task) WHERE task IS NOT NULL;
            """,
            // 3: agent-program hooks (DESIGN §5): the message ids a Stop hook last blocked on, per
            // agent, so the same messages never hold a turn back twice.
            """
            CREATE TABLE stop_guards (
              agent_id TEXT PRIMARY KEY REFERENCES agents(id),
              message_ids TEXT NOT NULL, blocked_at INTEGER NOT NULL
            );
            """,
            // 4: the server's bearer tokens (DESIGN §8): the SHA-256 of each token, never the token,
            // under a public id taken from that hash. No reference to agents: an operator token
            // may name a human who never registered.
            """
            CREATE TABLE tokens (
              id TEXT PRIMARY KEY, agent TEXT NOT NULL, operator INTEGER NOT NULL,
              hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL,
              expires_at INTEGER, last_used INTEGER, revoked_at INTEGER
            );
            """,
            // 5: fair waiting (issue 7). Lease waiters queue in arrival order, their id; the
            // Lamport stamp that used to order them is gone. frontier --wait callers are listed
            // so that a change ending a SAFE frontier releases them first (FrontierWaiters).
            """
            ALTER TABLE lease_waiters DROP COLUMN stamp;
            CREATE TABLE frontier_waiters (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              epoch INTEGER NOT NULL, round INTEGER, ignore_offline INTEGER NOT NULL,
              until INTEGER NOT NULL, safe_at INTEGER, counted INTEGER
            );
            """,
            // 6: lease notices (issue 8). An expired lease's holder is told once, by whichever
            // transaction sweeps it first; noticed_at records that it was. Leases that had already
            // expired when the store is upgraded count as told: they ended under a Huddle that
            // promised no notice, and a burst of stale notices at upgrade would help no one.
            """
            ALTER TABLE leases ADD COLUMN noticed_at INTEGER;
            UPDATE leases SET noticed_at = expires_at WHERE released_at IS NULL
              AND expires_at <= CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER);
            CREATE INDEX leases_unnoticed ON leases(expires_at) WHERE released_at IS NULL AND noticed_at IS NULL;
            """,
            // 7: tasks by status, in id order. The board's reads of one status (blocked, the claims
            // claim-next may take back, the status overview's claims) and of the unfinished tasks
            // (the blocked view's edges) had no index led by status (tasks_queue_status is led by
            // queue) and read every task ever created, done ones included: done tasks are kept.
            """
            CREATE INDEX tasks_status ON tasks(status, seq);
            """,
            // 8: a recipient's unread deliveries. Reading them (the inbox after every send, the unread
            // count, what a hook has still to deliver) walked every delivery the recipient ever got,
            // read ones included, on the primary key: an agent's reads grew with its mail.
            """
            CREATE INDEX deliveries_unread ON deliveries(recipient, message_id) WHERE read_at IS NULL;
            """,
            // 9: an agent's and a queue's tasks in id order. Listed (task list --assignee, --queue),
            // they were read whole from an index on the agent or the queue alone and sorted to show
            // the first few: every task the agent ever held, done ones included, or the whole queue.
            """
            DROP INDEX tasks_assignee;
            CREATE INDEX tasks_assignee ON tasks(assignee, seq) WHERE assignee IS NOT NULL;
            CREATE INDEX tasks_queue ON tasks(queue, seq);
            """);

    private SqliteSchema() {}

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /**
     * Applies the migrations past {@code from}; the caller holds the write transaction.
     * Statements are separated by a semicolon at the end of a line (triggers are kept on one line).
     */
    static void migrate(Connection c, int from) throws SQLException {
        if (from > MIGRATIONS.size()) {
            throw new SQLException("store schema version " + from + " is newer than this Huddle ("
                    + MIGRATIONS.size() + "): upgrade Huddle");
        }
        try (Statement s = c.createStatement()) {
            for (int v = from; v < MIGRATIONS.size(); v++) {
                for (String sql : MIGRATIONS.get(v).split(";\\s*\\n")) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
            }
            s.execute("PRAGMA user_version = " + MIGRATIONS.size());
        }
    }
}

package dev.huddle.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.store.Tx;
import dev.huddle.testing.PostgresDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Posted writes sent as runs ({@link WriteRun}) leave the database as the same writes run one by
 * one: seeded random sequences of writes whose results depend on their order (each doubles, adds to
 * or reads what another wrote), with reads in between, on one schema through {@link PostgresJdbc}
 * and on another statement by statement. The seed is printed; {@code -Dhuddle.writerun.seed=N}
 * replays one.
 */
class PostgresWriteRunTest {

    @RegisterExtension
    static final PostgresDatabases databases = PostgresDatabases.perClass();

    /** Writes whose outcome depends on what ran before them, over three tables (modulo a prime: no overflow). */
    private static final List<String> WRITES = List.of(
            "INSERT INTO counters (name, value) VALUES (?, ?)"
                    + " ON CONFLICT (name) DO UPDATE SET value = (counters.value * 3 + excluded.value) % 1000003",
            "UPDATE counters SET value = (value * 2 + ?) % 1000003 WHERE name = ?",
            "UPDATE huddle_meta SET value = (value * 2 + (SELECT coalesce(sum(value), 0) FROM counters) + ?) % 1000003 WHERE key = ?",
            "INSERT INTO huddle_meta (key, value) VALUES (?, ?)"
                    + " ON CONFLICT (key) DO UPDATE SET value = (huddle_meta.value * 5 + excluded.value) % 1000003",
            "WITH moved AS (UPDATE counters SET value = value + ? WHERE name = ?) UPDATE huddle_meta SET value = (value * 7 + ?) % 1000003 WHERE key = ?",
            "INSERT INTO events (stamp, wall, kind, data) VALUES (?, 0, ?, '{}')",
            "UPDATE events SET stamp = (stamp * 2 + ?) % 1000003 WHERE seq = (SELECT max(seq) FROM events)");
    private static final String SUM = "SELECT (SELECT coalesce(sum(value), 0) FROM counters)"
            + " + (SELECT coalesce(sum(value), 0) FROM huddle_meta WHERE key LIKE 'w%')"
            + " + (SELECT coalesce(sum(stamp * seq), 0) FROM events)";

    @Test
    void randomWritesSentAsRuns_leaveWhatTheSameWritesOneByOneLeave() throws SQLException {
        long seed = Long.getLong("huddle.writerun.seed", System.nanoTime());
        System.out.println("PostgresWriteRunTest.randomWritesSentAsRuns_leaveWhatTheSameWritesOneByOneLeave seed=" + seed);
        Random random = new Random(seed);
        PostgresUrl runs = migrated("runs");
        PostgresUrl alone = migrated("alone");
        try (Connection a = PostgresDatabases.connect(runs); Connection b = PostgresDatabases.connect(alone)) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            for (int round = 0; round < 20; round++) {
                PostgresJdbc jdbc = new PostgresJdbc(a, runs);
                for (int i = 0; i < 30; i++) {
                    if (random.nextInt(8) == 0) {
                        long seen = jdbc.number(SUM);
                        assertThat(seen).as("seed %d, round %d, read at %d", seed, round, i).isEqualTo(number(b, SUM));
                        continue;
                    }
                    String sql = WRITES.get(random.nextInt(WRITES.size()));
                    Object[] args = args(sql, random);
                    jdbc.post(sql, args);
                    run(b, sql, args);
                }
                jdbc.flush();
                a.commit();
                b.commit();
                assertThat(state(a)).as("seed %d, round %d", seed, round).isEqualTo(state(b));
            }
        }
    }

    private static Object[] args(String sql, Random random) {
        int n = (int) sql.chars().filter(c -> c == '?').count();
        Object[] args = new Object[n];
        for (int i = 0; i < n; i++) {
            args[i] = random.nextInt(5) + 1L;
        }
        // Keys: counters k0..k2 and huddle_meta w0..w2 (their other rows are the store's own).
        if (sql.startsWith("INSERT INTO counters") || sql.startsWith("INSERT INTO huddle_meta")) {
            args[0] = (sql.contains("counters") ? "k" : "w") + random.nextInt(3);
        } else if (sql.startsWith("UPDATE counters") || sql.startsWith("UPDATE huddle_meta")) {
            args[1] = (sql.contains("UPDATE counters") ? "k" : "w") + random.nextInt(3);
        } else if (sql.startsWith("WITH moved")) {
            args[1] = "k" + random.nextInt(3);
            args[3] = "w" + random.nextInt(3);
        } else if (sql.startsWith("INSERT INTO events")) {
            args[1] = "kind" + random.nextInt(3);
        }
        return args;
    }

    private static PostgresUrl migrated(String schema) {
        PostgresUrl url = databases.schema(schema);
        try (PostgresStore store = new PostgresStore(url)) {
            store.write((Tx tx) -> null);
        }
        return url;
    }

    private static void run(Connection c, String sql, Object[] args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        }
    }

    private static long number(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> state(Connection c) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT 'c', name, value FROM counters UNION ALL SELECT 'm', key, value FROM huddle_meta WHERE key LIKE 'w%'"
                        + " UNION ALL SELECT 'e' || seq, kind, stamp FROM events ORDER BY 1, 2")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + "=" + rs.getLong(3));
            }
        }
        return rows;
    }
}

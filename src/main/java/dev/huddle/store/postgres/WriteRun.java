package dev.huddle.store.postgres;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Posted writes in a row, sent as one statement: every one but the last becomes a data-modifying
 * WITH query of the last ({@code WITH posted_1 AS (INSERT …), posted_2 AS (UPDATE …) UPDATE …}).
 * A work's writes (its actor's row, its event, its lease or message) then cost the server's
 * executor one turn instead of one each; under the writers' lock every turn is time all other
 * writers wait.
 *
 * <p>The parts of one statement run on one snapshot, in no set order, and none sees another's
 * rows, so a run only takes writes that could not tell: INSERTs and UPDATEs, each naming tables
 * no other part of the run names (a second write to a table, or a read of one another part
 * writes, starts a new statement). Foreign keys are checked at the statement's end, with every
 * part's rows in place, as they were after the separate statements. A run never holds a
 * savepoint, so it never spans two works of a batch.
 */
final class WriteRun {

    /** What names a part's own statement takes in the WITH; no part of ours names its queries so. */
    private static final String NAME = "posted_";
    /** Bounds of the caches below: texts come from a few constants, but nothing should grow without end. */
    private static final int CACHED = 512;
    private static final Map<String, Optional<Part>> PARTS = new ConcurrentHashMap<>();
    private static final Map<List<String>, String> TEXTS = new ConcurrentHashMap<>();

    private final List<Part> parts = new ArrayList<>(4);
    private final List<Object> args = new ArrayList<>();

    /** One posted write as a run could take it: its own WITH queries, its statement, what it names. */
    record Part(String sql, List<String> with, String statement, Set<String> names, Set<String> tables) {}

    private WriteRun() {}

    /** A run of one write, {@code p} (see {@link #part}). */
    static WriteRun of(Part p, Object[] args) {
        WriteRun run = new WriteRun();
        run.add(p, args);
        return run;
    }

    /** Takes the posted write {@code p} into this run when it can be one statement with it. */
    boolean take(Part p, Object[] args) {
        if (overlaps(p)) {
            return false;
        }
        add(p, args);
        return true;
    }

    private boolean overlaps(Part p) {
        for (Part each : parts) {
            if (shares(each.tables(), p.tables()) || shares(each.names(), p.names())) {
                return true;
            }
        }
        return false;
    }

    private static boolean shares(Set<String> a, Set<String> b) {
        for (String each : b) {
            if (a.contains(each)) {
                return true;
            }
        }
        return false;
    }

    private void add(Part p, Object[] values) {
        parts.add(p);
        args.addAll(Arrays.asList(values));
    }

    /** The one statement's text. */
    String sql() {
        if (parts.size() == 1) {
            return parts.getFirst().sql();
        }
        List<String> key = new ArrayList<>(parts.size());
        for (Part p : parts) {
            key.add(p.sql());
        }
        String text = TEXTS.get(key);
        if (text == null) {
            text = merged(parts);
            if (TEXTS.size() < CACHED) {
                TEXTS.put(key, text);
            }
        }
        return text;
    }

    /** Its parameters, in the order of the text's placeholders (each part's, in the run's order). */
    List<Object> args() {
        return args;
    }

    /** The parts' texts merged; their placeholders stay in the order the parts came. */
    static String merged(List<Part> parts) {
        List<String> with = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            with.addAll(p.with());
            if (i < parts.size() - 1) {
                with.add(NAME + (i + 1) + " AS (" + p.statement() + ")");
            }
        }
        return "WITH " + String.join(", ", with) + " " + parts.getLast().statement();
    }

    /** {@code sql} as a part of a run, or empty when it is not an INSERT or UPDATE (after its WITH, if any). */
    static Optional<Part> part(String sql) {
        Optional<Part> known = PARTS.get(sql);
        if (known == null) {
            known = parse(sql);
            if (PARTS.size() < CACHED) {
                PARTS.put(sql, known);
            }
        }
        return known;
    }

    private static Optional<Part> parse(String sql) {
        List<String> with = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int at = skipSpace(sql, 0);
        if (word(sql, at).equals("WITH")) {
            at += 4;
            while (true) {
                at = skipSpace(sql, at);
                String name = word(sql, at);
                int open = sql.indexOf('(', at);
                if (name.isEmpty() || name.equals("RECURSIVE") || name.toLowerCase(Locale.ROOT).startsWith(NAME)
                        || open < 0 || !sql.substring(at + name.length(), open).strip().matches("(?i)AS( NOT)?( MATERIALIZED)?")) {
                    return Optional.empty();
                }
                int close = closing(sql, open);
                if (close < 0) {
                    return Optional.empty();
                }
                with.add(sql.substring(at, close + 1));
                names.add(name.toLowerCase(Locale.ROOT));
                at = skipSpace(sql, close + 1);
                if (at < sql.length() && sql.charAt(at) == ',') {
                    at++;
                } else {
                    break;
                }
            }
        }
        at = skipSpace(sql, at);
        String verb = word(sql, at);
        if (!verb.equals("INSERT") && !verb.equals("UPDATE")) {
            return Optional.empty();
        }
        Set<String> tables = new HashSet<>();
        for (String table : PostgresSchema.TABLES) {
            if (PostgresJdbc.names(sql, table)) {
                tables.add(table);
            }
        }
        return Optional.of(new Part(sql, List.copyOf(with), sql.substring(at), Set.copyOf(names), Set.copyOf(tables)));
    }

    /** The word (letters, digits, underscores) at {@code at}, upper-cased; empty when none starts there. */
    private static String word(String sql, int at) {
        int end = at;
        while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
            end++;
        }
        return sql.substring(at, end).toUpperCase(Locale.ROOT);
    }

    private static int skipSpace(String sql, int at) {
        while (at < sql.length() && Character.isWhitespace(sql.charAt(at))) {
            at++;
        }
        return at;
    }

    /** The index of the parenthesis closing the one at {@code open}, past quoted text; -1 when there is none. */
    private static int closing(String sql, int open) {
        int depth = 0;
        for (int i = open; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                if (end < 0) {
                    return -1;
                }
                i = end; // a doubled quote inside is two quoted runs back to back: the same result
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}

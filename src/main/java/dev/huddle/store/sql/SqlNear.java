package dev.huddle.store.sql;

import java.util.List;

/**
 * The SQL condition "this resource column can meet one of these paths or names": the column holds
 * a pattern (any glob may cover them), or one of the texts, or a path above or below one of them.
 * A superset of what intersects (ResourceOverlap), never fewer; what the leases a lock can meet
 * and the events an actor acts after are narrowed by. {@code substr}, not {@code LIKE}: resources
 * are case-sensitive, and SQLite's {@code LIKE} is not.
 */
final class SqlNear {

    private SqlNear() {}

    /**
     * Appends {@code (column is a pattern OR …per text…)} to {@code sql} and its parameters to
     * {@code args}; {@code texts} must not be empty.
     */
    static void append(String column, List<String> texts, StringBuilder sql, List<Object> args) {
        sql.append("(").append(column).append(" LIKE '%*%' OR ").append(column).append(" LIKE '%?%' OR ")
                .append(column).append(" LIKE '%[%'");
        for (String t : texts) {
            // equal; a directory above t; below t
            sql.append(" OR ").append(column).append(" = ? OR substr(CAST(? AS TEXT), 1, length(").append(column)
                    .append(") + 1) = ").append(column).append(" || '/' OR substr(").append(column).append(", 1, ?) = ?");
            args.addAll(List.of(t, t, t.length() + 1, t + "/"));
        }
        sql.append(")");
    }

    /** Whether {@code value} meets what {@link #append} asks of its column: the same condition, in Java. */
    static boolean matches(String value, List<String> texts) {
        if (value.contains("*") || value.contains("?") || value.contains("[")) {
            return true;
        }
        for (String t : texts) {
            if (value.equals(t) || t.startsWith(value + "/") || value.startsWith(t + "/")) {
                return true;
            }
        }
        return false;
    }
}

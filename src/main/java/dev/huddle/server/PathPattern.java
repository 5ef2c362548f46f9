package dev.huddle.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route's path: literal segments and {@code {name}} parameters, each one whole segment
 * ({@code /api/v1/tasks/{id}}). A parameter's value is percent-decoded and never contains
 * {@code /}; an empty segment matches nothing.
 */
public record PathPattern(String text, List<String> segments) {

    public PathPattern {
        segments = List.copyOf(segments);
    }

    public static PathPattern of(String text) {
        if (!text.startsWith("/") || text.endsWith("/") && text.length() > 1) {
            throw new IllegalArgumentException("a route path starts with '/' and does not end with one: " + text);
        }
        List<String> segments = List.of(text.substring(1).split("/", -1));
        for (String s : segments) {
            boolean param = s.startsWith("{") && s.endsWith("}");
            if (s.isEmpty() || !param && (s.contains("{") || s.contains("}"))) {
                throw new IllegalArgumentException("bad segment '" + s + "' in route path " + text);
            }
        }
        return new PathPattern(text, segments);
    }

    /** The parameters if {@code path} (raw, as on the request line, without the query) matches. */
    public Optional<Map<String, String>> match(String path) {
        return path.startsWith("/") ? match(parts(path)) : Optional.empty();
    }

    /** A request path (starting with '/') split as {@link #match(String[])} takes it. */
    static String[] parts(String path) {
        return path.substring(1).split("/", -1);
    }

    /** Whether the pattern has no parameter, so it matches exactly one path: its text. */
    boolean literal() {
        return segments.stream().noneMatch(PathPattern::isParam);
    }

    /** As {@link #match(String)}, for a path already split by {@link #parts}. */
    Optional<Map<String, String>> match(String[] parts) {
        if (parts.length != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String want = segments.get(i);
            if (parts[i].isEmpty()) {
                return Optional.empty();
            }
            if (isParam(want)) {
                params.put(want.substring(1, want.length() - 1), decode(parts[i]));
            } else if (!want.equals(parts[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /** Whether this pattern beats {@code other} when both match: the first literal where the other has a parameter wins. */
    boolean moreSpecificThan(PathPattern other) {
        for (int i = 0; i < Math.min(segments.size(), other.segments.size()); i++) {
            boolean mine = isParam(segments.get(i));
            boolean theirs = isParam(other.segments.get(i));
            if (mine != theirs) {
                return !mine;
            }
        }
        return false;
    }

    /** Same shape: the same literals and parameters in the same places (so two routes would be ambiguous). */
    boolean sameShape(PathPattern other) {
        if (segments.size() != other.segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            String a = segments.get(i);
            String b = other.segments.get(i);
            if (isParam(a) != isParam(b) || !isParam(a) && !a.equals(b)) {
                return false;
            }
        }
        return true;
    }

    List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (String s : segments) {
            if (isParam(s)) {
                names.add(s.substring(1, s.length() - 1));
            }
        }
        return names;
    }

    private static boolean isParam(String segment) {
        return segment.startsWith("{");
    }

    private static String decode(String segment) {
        // '+' is a plus in a path; only the query spells spaces that way.
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return text;
    }
}

package dev.huddle.core.lease;

import java.util.Arrays;
import java.util.Optional;

/**
 * Breadth-first search of the product of two pattern automata for the shortest repo path both
 * accept. A product state is (state of a, state of b, shape of the current segment); each is
 * visited once, so time and memory are polynomial: at most 4 (|a| + 2) (|b| + 2) states.
 *
 * <p>The segment shape restricts the search to real repo paths: not empty, no empty segment
 * (so no leading, trailing or doubled {@code /}), no {@code .} or {@code ..} segment. Otherwise
 * {@code ?./x} and {@code .?/x} would "intersect" on {@code ../x}, which no repo holds.
 *
 * <p>Characters are tried one per equivalence class: for the two tokens at hand, every character
 * between two consecutive boundaries behaves the same, so one character stands for the interval
 * it starts. Control characters and surrogates are skipped, as no repo path contains them.
 */
final class OverlapSearch {

    private static final int EMPTY = 0; // at the start of a segment
    private static final int DOT = 1;
    private static final int DOT_DOT = 2;
    private static final int NAME = 3; // a real segment name so far
    private static final int SHAPES = 4;

    /**
     * Where classes change whatever the tokens: '.', '/', the edges of the control and surrogate
     * ranges, and 'a', which only splits an interval so that witnesses read as names.
     */
    private static final int[] BASE = {' ', '.', '.' + 1, '/', '/' + 1, 'a', 0x7F, 0xA0, 0xD800, 0xE000};

    private final PatternAutomaton a;
    private final PatternAutomaton b;
    private final int bStates;
    private final int[] parent; // -1: not visited; a start state is its own parent

    private OverlapSearch(PatternAutomaton a, PatternAutomaton b) {
        this.a = a;
        this.b = b;
        this.bStates = b.stateCount();
        this.parent = new int[a.stateCount() * bStates * SHAPES];
        Arrays.fill(parent, -1);
    }

    static Optional<String> shortest(PatternAutomaton a, PatternAutomaton b) {
        return new OverlapSearch(a, b).search();
    }

    private Optional<String> search() {
        int[] queue = new int[parent.length];
        int tail = 0;
        for (int i : a.start()) {
            for (int j : b.start()) {
                int s = encode(i, j, EMPTY);
                parent[s] = s;
                queue[tail++] = s;
            }
        }
        for (int head = 0; head < tail; head++) {
            int s = queue[head];
            if (shape(s) == NAME && a.accepts(stateA(s)) && b.accepts(stateB(s))) {
                return Optional.of(pathTo(s));
            }
            for (int c : representatives(s)) {
                tail = enqueueSuccessors(s, c, queue, tail);
            }
        }
        return Optional.empty();
    }

    /** Queues the unvisited states reached from {@code s} by reading {@code c}; returns the new tail. */
    private int enqueueSuccessors(int s, int c, int[] queue, int tail) {
        int shape = nextShape(shape(s), c);
        int targetA = a.target(stateA(s), c);
        int targetB = b.target(stateB(s), c);
        if (shape < 0 || targetA < 0 || targetB < 0) {
            return tail;
        }
        for (int i : a.closure(targetA)) {
            for (int j : b.closure(targetB)) {
                int t = encode(i, j, shape);
                if (parent[t] < 0) {
                    parent[t] = s;
                    queue[tail++] = t;
                }
            }
        }
        return tail;
    }

    /** One usable character per class, letters first and then digits, so witnesses are readable. */
    private int[] representatives(int s) {
        int[] fromA = a.boundaries(stateA(s));
        int[] fromB = b.boundaries(stateB(s));
        int[] keys = new int[BASE.length + fromA.length + fromB.length];
        System.arraycopy(BASE, 0, keys, 0, BASE.length);
        System.arraycopy(fromA, 0, keys, BASE.length, fromA.length);
        System.arraycopy(fromB, 0, keys, BASE.length + fromA.length, fromB.length);
        for (int k = 0; k < keys.length; k++) {
            keys[k] = usable(keys[k]) ? readability(keys[k]) << 21 | keys[k] : Integer.MAX_VALUE;
        }
        return Arrays.stream(keys).sorted().distinct().filter(k -> k != Integer.MAX_VALUE).map(k -> k & 0x1FFFFF)
                .toArray();
    }

    private static boolean usable(int c) {
        return c <= Character.MAX_CODE_POINT && !Character.isISOControl(c)
                && !(c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
    }

    private static int readability(int c) {
        return c >= 'a' && c <= 'z' ? 0 : c >= 'A' && c <= 'Z' ? 1 : c >= '0' && c <= '9' ? 2 : 3;
    }

    /** The segment shape after reading {@code c}, or -1 if {@code c} would make an empty segment. */
    private static int nextShape(int shape, int c) {
        if (c == '/') {
            return shape == NAME ? EMPTY : -1;
        }
        if (c == '.') {
            return shape == EMPTY ? DOT : shape == DOT ? DOT_DOT : NAME;
        }
        return NAME;
    }

    /** Rebuilds the path by walking parents back, finding for each step a character that makes it. */
    private String pathTo(int s) {
        StringBuilder reversed = new StringBuilder();
        for (int t = s; parent[t] != t; t = parent[t]) {
            int from = parent[t];
            int to = t;
            int c = Arrays.stream(representatives(from)).filter(r -> leadsTo(from, r, to)).findFirst().orElseThrow();
            reversed.appendCodePoint(c);
        }
        // StringBuilder.reverse keeps surrogate pairs in order, so non-BMP characters survive.
        return reversed.reverse().toString();
    }

    private boolean leadsTo(int from, int c, int to) {
        int targetA = a.target(stateA(from), c);
        int targetB = b.target(stateB(from), c);
        return nextShape(shape(from), c) == shape(to) && targetA >= 0 && targetB >= 0
                && Arrays.stream(a.closure(targetA)).anyMatch(i -> i == stateA(to))
                && Arrays.stream(b.closure(targetB)).anyMatch(j -> j == stateB(to));
    }

    private int encode(int i, int j, int shape) {
        return (i * bStates + j) * SHAPES + shape;
    }

    private int stateA(int s) {
        return s / SHAPES / bStates;
    }

    private int stateB(int s) {
        return s / SHAPES % bStates;
    }

    private static int shape(int s) {
        return s % SHAPES;
    }
}

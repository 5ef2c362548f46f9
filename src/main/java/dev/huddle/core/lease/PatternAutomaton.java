package dev.huddle.core.lease;

import dev.huddle.core.lease.Resource.GlobResource;
import dev.huddle.core.lease.Resource.NamedResource;
import dev.huddle.core.lease.Resource.PathResource;
import java.util.BitSet;
import java.util.List;

/**
 * A nondeterministic automaton over a token list. State {@code i} means "tokens before {@code i}
 * are matched"; state {@code n} (all matched) accepts. A path resource adds state {@code n + 1},
 * entered on a {@code /} after the whole path, which accepts anything: a lease on a directory
 * covers what is below it.
 *
 * <p>Reading a character from one state leads to at most one {@link #target}; the states then
 * reached are that target's {@link #closure} under the empty moves of {@code *}, {@code **} and
 * {@code **}{@code /} (see {@link #isDirectories}). Closures and boundaries are computed once,
 * so a search step allocates nothing.
 */
final class PatternAutomaton {

    private final Token[] tokens;
    private final boolean coversBelow;
    private final int[][] closures;
    private final int[][] boundaries;

    private PatternAutomaton(List<Token> tokens, boolean coversBelow) {
        this.tokens = tokens.toArray(Token[]::new);
        this.coversBelow = coversBelow;
        this.closures = new int[stateCount()][];
        this.boundaries = new int[stateCount()][];
        for (int state = 0; state < stateCount(); state++) {
            BitSet reached = new BitSet();
            close(state, reached);
            closures[state] = reached.stream().toArray();
            boundaries[state] = state < this.tokens.length ? this.tokens[state].boundaries().toArray() : new int[0];
        }
    }

    static PatternAutomaton of(Resource resource) {
        return switch (resource) {
            case PathResource p -> new PatternAutomaton(
                    p.path().codePoints().mapToObj(c -> (Token) new Token.Literal(c)).toList(), true);
            case GlobResource g -> new PatternAutomaton(g.wildmatch().tokens(), false);
            case NamedResource n -> throw new IllegalArgumentException("a named resource is not a pattern: " + n);
        };
    }

    static PatternAutomaton of(List<Token> tokens) {
        return new PatternAutomaton(tokens, false);
    }

    /** States are {@code 0 .. stateCount() - 1}. */
    int stateCount() {
        return tokens.length + 2;
    }

    int[] start() {
        return closures[0];
    }

    /** The state itself and every state its empty moves reach. */
    int[] closure(int state) {
        return closures[state];
    }

    boolean accepts(int state) {
        return state == tokens.length || (coversBelow && state == tokens.length + 1);
    }

    /** The state whose closure is reached by reading {@code c} from {@code state}, or -1 if none. */
    int target(int state, int c) {
        if (state > tokens.length) {
            return state; // below a covered directory: anything goes
        }
        if (state == tokens.length) {
            return coversBelow && c == '/' ? state + 1 : -1;
        }
        if (isDirectories(state)) {
            return c == '/' ? state : state + 1; // '/' ends a directory; anything else starts or continues one
        }
        if (state > 0 && isDirectories(state - 1)) {
            return c == '/' ? state - 1 : state; // inside a directory name until its '/'
        }
        return switch (tokens[state]) {
            case Token.Star s -> c == '/' ? -1 : state;
            case Token.DoubleStar d -> state;
            case Token t -> t.accepts(c) ? state + 1 : -1;
        };
    }

    /** Characters at which reading from {@code state} may change; see {@link Token#boundaries}. */
    int[] boundaries(int state) {
        return boundaries[state];
    }

    /**
     * Whether {@code state} starts {@code **}{@code /}, which matches zero or more whole directories
     * (git: {@code a/**}{@code /b} matches {@code a/b} and {@code a/x/y/b}, not {@code a/xb}). It
     * takes two states: this one sits between directories and may be left without reading; the
     * next, the {@code /} token, means "inside a directory name" and returns here on {@code /}.
     */
    private boolean isDirectories(int state) {
        return state + 1 < tokens.length && tokens[state] instanceof Token.DoubleStar
                && tokens[state + 1].equals(new Token.Literal('/'));
    }

    /** Adds {@code state} and what its empty moves reach: skipping a star or a run of directories. */
    private void close(int state, BitSet out) {
        if (out.get(state)) {
            return;
        }
        out.set(state);
        if (isDirectories(state)) {
            close(state + 2, out);
        } else if (state < tokens.length
                && (tokens[state] instanceof Token.Star || tokens[state] instanceof Token.DoubleStar)) {
            close(state + 1, out);
        }
    }
}

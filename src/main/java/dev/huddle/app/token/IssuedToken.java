package dev.huddle.app.token;

/** A token just issued: {@code secret} is the printed token, shown this once and kept nowhere. */
public record IssuedToken(String secret, TokenView token) {

    @Override
    public String toString() {
        return "IssuedToken[id=" + token.id() + ", secret=(hidden)]";
    }
}

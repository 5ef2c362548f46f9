package dev.huddle.server;

import java.util.Optional;

/** Decides who a bearer credential belongs to; empty when it is refused (the reason is audited by the token store). */
@FunctionalInterface
public interface Authenticator {

    Optional<Caller> authenticate(String bearer);
}

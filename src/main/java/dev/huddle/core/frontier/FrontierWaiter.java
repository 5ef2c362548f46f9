package dev.huddle.core.frontier;

import java.time.Instant;
import java.util.Optional;

/**
 * A caller of {@code frontier --wait} (DESIGN §4.3), listed so that it cannot miss a moment when
 * its frontier was SAFE: a change that ends such a moment releases it first ({@code safeAt}, with
 * the number of participants counted then). {@code until} is the end of its wait.
 */
public record FrontierWaiter(long id, FrontierQuery query, Instant until, Optional<Instant> safeAt, int counted) {}

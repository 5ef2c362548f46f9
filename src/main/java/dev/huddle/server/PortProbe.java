package dev.huddle.server;

import dev.huddle.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Asks whatever listens on an address whether it is a Huddle server, to name it when it is in the way. */
final class PortProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private PortProbe() {}

    /** The pid a Huddle server at {@code url} reports, if one answers there. */
    static Optional<Long> huddlePid(URI url) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            HttpRequest request = HttpRequest.newBuilder(url.resolve(Health.PATH)).timeout(TIMEOUT).GET().build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, Object> health = Json.readObject(response.body());
            return health.get("pid") instanceof Number pid && "ok".equals(health.get("status"))
                    ? Optional.of(pid.longValue()) : Optional.empty();
        } catch (java.io.IOException | RuntimeException notHuddle) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}

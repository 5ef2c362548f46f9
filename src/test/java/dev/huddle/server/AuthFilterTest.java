package dev.huddle.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.json.Json;
import dev.huddle.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The auth filter when the token store cannot answer: the error table's status, not a bare 500. */
class AuthFilterTest {

    @Test
    void aBusyTokenStore_is503Busy_inTheErrorShape() throws Exception {
        Routes routes = new Routes();
        routes.get("/api/v1/thing", r -> Reply.ok(Map.of("ok", true)));
        Authenticator busy = bearer -> {
            throw new StoreException.Busy("the store stayed busy", null);
        };
        ServerConfig config = ServerConfig.at(new Bind("127.0.0.1", 0)).withLog(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        try (HuddleServer server = HuddleServer.start(config, routes, List.of(), busy);
             HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(server.url().resolve("/api/v1/thing"))
                    .header("Authorization", "Bearer hdl_x").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(Json.readObject(r.body()).get("error")).isInstanceOfSatisfying(Map.class,
                    e -> assertThat(e.get("code")).isEqualTo("busy"));
        }
    }
}

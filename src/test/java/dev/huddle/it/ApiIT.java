package dev.huddle.it;

import static dev.huddle.it.Outcomes.assertCleanRefusal;
import static dev.huddle.it.Outcomes.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.it.HuddleProcess.Result;
import dev.huddle.json.MiniJson;
import dev.huddle.remote.Discovery;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JSON API of a real {@code huddle serve} process, with tokens issued by {@code huddle token
 * issue}, on each {@link Backend}.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class ApiIT {

    private static final Duration WAIT = TestTiming.scaled(Duration.ofSeconds(60));

    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    private Backend.Store store;
    private String db;
    private Process server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void createStore() {
        store = backend.create(dir);
        db = store.db();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            server.destroyForcibly();
        }
        http.close();
        if (store != null) { // null when the store could not be created (a skipped test)
            store.close();
        }
    }

    private HuddleProcess huddle() {
        return HuddleProcess.in(dir).withDb(db);
    }

    /**
     * Where serve keeps its record: beside the store file, or with PostgreSQL where the file would
     * be ({@code .huddle} of a directory outside git).
     */
    private Path stateDir() {
        return store.isPostgres() ? dir.resolve(".huddle") : dir;
    }

    private URI serve() throws Exception {
        server = huddle().start("serve", "--bind", "127.0.0.1:0");
        String first = HuddleProcess.firstLine(server, WAIT);
        assertThat(first).as("serve's URL line").isNotNull().startsWith("http://");
        return URI.create(first);
    }

    private HttpResponse<String> call(URI base, String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(WAIT).header("Authorization", "Bearer " + token);
        b = body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token(String agent) {
        Result issued = succeed(huddle().run("token", "issue", "--agent", agent));
        String token = issued.stdout().strip();
        assertThat(token).as("the token alone on stdout").startsWith("hdl_").doesNotContain("\n");
        return token;
    }

    @Test
    void tokensFromTheCli_lockAndCheckOverHttp_intoTheRealStore() throws Exception {
        succeed(huddle().run("register", "alice"));
        succeed(huddle().run("register", "bob"));
        String alice = token("alice");
        String bob = token("bob");
        URI base = serve();

        String lock = "{\"request\":{\"resources\":[\"src/a.py\"],\"mode\":\"EXCLUSIVE\"}}";
        HttpResponse<String> granted = call(base, alice, "POST", "/api/v1/leases/lock", lock);
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertThat(MiniJson.readObject(granted.body())).containsEntry("type", "Granted");

        HttpResponse<String> denied = call(base, bob, "POST", "/api/v1/leases/lock", lock);
        assertThat(denied.statusCode()).as(denied.body()).isEqualTo(409);
        assertThat(MiniJson.readObject(denied.body()).get("result")).isInstanceOfSatisfying(Map.class,
                result -> assertThat(result).containsEntry("type", "Denied"));
        assertThat(denied.body()).contains("\"holder\":\"alice\"").contains("\"code\":\"denied\"");

        HttpResponse<String> check = call(base, bob, "GET", "/api/v1/leases/check?paths=src/a.py", null);
        assertThat(check.statusCode()).isEqualTo(200);
        assertThat(check.body()).contains("\"holder\":\"alice\"");

        // The server wrote the store every other command reads.
        Result locks = succeed(huddle().run("locks", "--json"));
        assertThat(locks.stdout()).contains("alice").contains("src/a.py");
        // And a process of the same OS user reaches it with the discovery credential, as the local operator.
        String local = Discovery.read(stateDir()).orElseThrow().credential();
        HttpResponse<String> gc = call(base, local, "POST", "/api/v1/gc", "");
        assertThat(gc.statusCode()).as(gc.body()).isEqualTo(200);
        assertThat(call(base, bob, "POST", "/api/v1/gc", "").statusCode()).isEqualTo(403);
    }

    /** SQLite: the file is not a database; PostgreSQL: the database named does not exist. */
    @Test
    void aCorruptStore_stopsServeAtStart_withTheStoresOwnError() throws Exception {
        if (store.isPostgres()) {
            db = store.db() + "_missing";
        } else {
            Files.write(dir.resolve("huddle.db"), "this is not a database, it is a text file of some length".repeat(100)
                    .getBytes(StandardCharsets.UTF_8));
        }
        Result other = huddle().run("locks");
        Result serve = huddle().run("serve", "--bind", "127.0.0.1:0");
        assertThat(other.exitCode()).isNotZero();
        assertCleanRefusal(serve, other.exitCode());
        assertThat(serve.stderr().strip()).isEqualTo(other.stderr().strip());
        assertThat(serve.stdout()).as("no URL: nothing listens").isEmpty();
        assertThat(stateDir().resolve(Discovery.FILE)).doesNotExist();
    }
}

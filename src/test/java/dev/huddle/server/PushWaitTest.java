package dev.huddle.server;

import static dev.huddle.server.ApiServer.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write through the server wakes its waiters at once: here a waiter's every pause would last
 * five minutes unless the server's signal ends it, so a grant that comes at all came from the push,
 * and the count of pauses shows the waiter did not poll its way there.
 */
class PushWaitTest {

    static final String LOCK = "/api/v1/leases/lock";

    @Test
    void aLockWaitThroughTheServer_isGrantedAtTheUnlockThroughTheServer_withoutPolling(@TempDir Path root) throws Exception {
        AtomicInteger pauses = new AtomicInteger();
        try (ApiServer s = new ApiServer(root, ServerConfig.at(new Bind("127.0.0.1", 0)), 4, woken -> pause -> {
            pauses.incrementAndGet();
            // The clock stands still: only a write, never the passing of time, can end this wait.
            woken.pause(Duration.ofMinutes(5));
        })) {
            String alice = s.agentToken("alice");
            String bob = s.agentToken("bob");
            assertThat(s.post(alice, LOCK, "{\"request\":{\"resources\":[\"src/a.py\"],\"mode\":\"EXCLUSIVE\"}}").body())
                    .contains("\"type\":\"Granted\"");
            String wait = "{\"request\":{\"resources\":[\"src/a.py\"],\"mode\":\"EXCLUSIVE\",\"waitFor\":\"PT10M\"}}";
            ExecutorService one = Executors.newSingleThreadExecutor();
            try {
                Future<HttpResponse<String>> waiting = one.submit(() -> s.post(bob, LOCK, wait));
                // Bob is in line and pausing once his first pause has begun; no write happens meanwhile.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (pauses.get() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(pauses.get()).as("bob's wait began").isEqualTo(1);
                assertThat(waiting.isDone()).isFalse();
                assertThat(s.post(alice, "/api/v1/leases/unlock", "{\"request\":{\"resources\":[\"src/a.py\"],\"force\":false}}")
                        .body()).contains("\"type\":\"Done\"");
                HttpResponse<String> granted = waiting.get(60, TimeUnit.SECONDS);
                assertThat(object(granted)).as(granted.body()).containsEntry("type", "Granted");
                assertThat(pauses.get()).as("the unlock ended bob's one pause; he never paused again").isEqualTo(1);
            } finally {
                one.shutdownNow();
            }
        }
    }
}

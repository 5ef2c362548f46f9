package dev.huddle.app.message;

import dev.huddle.testing.TestHuddle;
import java.nio.file.Path;

/**
 * The Coordinator contract over the remote implementation: every test of {@link MessageServiceTest}, unchanged,
 * through a RemoteCoordinator and a real API server on a loopback socket over the same SQLite store.
 */
class MessageServiceThroughServerTest extends MessageServiceTest {

    @Override
    void deliveriesRecorded(dev.huddle.core.agent.AgentId agent) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline
                && h.coordinator.messages().inbox(agent, false).stream().anyMatch(e -> e.delivery().deliveredAt().isEmpty())) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    TestHuddle fixture(Path dir) {
        return TestHuddle.throughServer(dir);
    }
}

package dev.huddle.app.lease;

import dev.huddle.testing.TestHuddle;
import java.nio.file.Path;

/** The lease notice tests through a real server (RemoteCoordinator over HTTP, the same store). */
class LeaseNoticesThroughServerTest extends LeaseNoticesTest {

    @Override
    TestHuddle fixture(Path dir) {
        return TestHuddle.throughServer(dir);
    }
}

package dev.huddle.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.HuddleException;
import dev.huddle.core.HuddleException.Kind;
import dev.huddle.store.StoreException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The one error table: what each failure is called, which HTTP status and which exit code it gets. */
class ErrorCodeTest {

    @Test
    void of_sortsEveryKind_asTheIssueTableSays() {
        assertThat(of(new HuddleException(Kind.INVALID_INPUT, "x"))).isEqualTo("bad_input 400 64");
        assertThat(of(new HuddleException(Kind.DENIED, "x"))).isEqualTo("denied 409 2");
        assertThat(of(new HuddleException(Kind.NOT_READY, "x"))).isEqualTo("not_ready 409 3");
        assertThat(of(new HuddleException(Kind.FAILED, "x"))).isEqualTo("failed 422 1");
        assertThat(of(new HuddleException(Kind.INTERNAL, "x"))).isEqualTo("internal 500 1");
    }

    @Test
    void of_storeFailures_busyAndUnavailableAre503_aStoreBugIs500() {
        assertThat(of(new StoreException.Busy("x", null))).isEqualTo("busy 503 1");
        assertThat(of(new StoreException.Unavailable("x", null))).isEqualTo("unavailable 503 1");
        assertThat(of(new StoreException.Full("x", null))).isEqualTo("unavailable 503 1");
        assertThat(of(new StoreException.ReadOnly("x", null))).isEqualTo("unavailable 503 1");
        assertThat(of(new StoreException.Corrupt("x", null))).isEqualTo("unavailable 503 1");
        assertThat(of(new StoreException.Failure("x", null))).isEqualTo("internal 500 1");
    }

    @Test
    void of_anythingElse_isInternal() {
        assertThat(of(new IllegalStateException())).isEqualTo("internal 500 1");
        assertThat(of(new OutOfMemoryError())).isEqualTo("internal 500 1");
    }

    @Test
    void byCode_roundTrips_andCodesAreUnique() {
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(ErrorCode.byCode(c.code())).isEqualTo(c);
            assertThat(c.hint()).isNotBlank();
        }
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code).distinct()).hasSize(ErrorCode.values().length);
        assertThat(ErrorCode.byCode("nonsense")).isNull();
    }

    private static String of(Throwable failure) {
        ErrorCode c = ErrorCode.of(failure);
        return c.code() + " " + c.httpStatus() + " " + c.exitCode();
    }
}

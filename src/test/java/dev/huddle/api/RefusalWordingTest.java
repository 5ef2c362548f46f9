package dev.huddle.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.ErrorCode;
import dev.huddle.app.Refusal;
import dev.huddle.app.lease.LockOutcome;
import dev.huddle.render.RefusalText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every refusal any operation can answer has words: for seeded random samples of every Refusal
 * variant of every operation's result, the server's message is one non-blank line, the CLI's text
 * starts with the refusal's word, there is a hint, and the code is one of the two 409s. A new
 * Refusal variant without wording fails here, not in production. The seed is printed.
 */
class RefusalWordingTest {

    @Test
    void everyRefusalOfEveryOperation_hasAOneLineMessage_aHint_andA409Code() {
        long seed = System.nanoTime();
        System.out.println("RefusalWordingTest seed " + seed);
        Samples samples = new Samples(seed);
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        List<Class<?>> variants = new ArrayList<>();
        for (Operation op : Operations.ALL) {
            if (op.refuses() && op.result() instanceof Class<?> type) {
                for (Class<?> variant : type.isSealed() ? type.getPermittedSubclasses() : new Class<?>[] {type}) {
                    if (Refusal.class.isAssignableFrom(variant) && !variants.contains(variant)) {
                        variants.add(variant);
                    }
                }
            }
        }
        assertThat(variants).as("refusal variants found").hasSizeGreaterThanOrEqualTo(10);
        for (Class<?> variant : variants) {
            for (int k = 0; k < 25; k++) {
                Refusal r = (Refusal) samples.of(variant);
                String id = "seed " + seed + ", " + variant.getName() + " " + r;
                assertThat(r.code()).as(id).isIn(ErrorCode.DENIED, ErrorCode.NOT_READY);
                assertThat(r.code().httpStatus()).isEqualTo(409);
                String message = RefusalText.message(r, now);
                assertThat(message).as(id).isNotBlank().doesNotContain("\n").doesNotContain("\t").doesNotContain("\u0001");
                String word = r instanceof LockOutcome.Denied d ? (d.timedOut() ? "wait timed out; " : "denied; ")
                        : r.code() == ErrorCode.NOT_READY ? "not ready: " : "denied: ";
                assertThat(RefusalText.text(r, now, s -> s)).as(id).startsWith(word);
                assertThat(RefusalText.hint(r)).as(id).isNotBlank();
            }
        }
    }
}

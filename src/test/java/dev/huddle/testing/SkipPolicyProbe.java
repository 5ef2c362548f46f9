package dev.huddle.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/** Runs {@link SkipPolicy} on one aborted (or failed) test, for {@code TestHygieneTest}: what it reports and logs. */
public final class SkipPolicyProbe {

    private SkipPolicyProbe() {}

    /** {@code failed: MESSAGE} or {@code aborted; logged: LINE} for a test aborted with {@code reason}. */
    public static String judge(boolean ci, String reason) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Throwable judged = new SkipPolicy(ci, new PrintStream(log, true, StandardCharsets.UTF_8))
                .judged(context(), new TestAbortedException(reason));
        return judged instanceof TestAbortedException ? "aborted; logged: " + log.toString(StandardCharsets.UTF_8).strip()
                : "failed: " + judged.getMessage();
    }

    /** Whether a failure that is not an abort comes back unchanged. */
    public static boolean judgeFailure(boolean ci) {
        AssertionError failure = new AssertionError("real");
        return new SkipPolicy(ci, System.out).judged(context(), failure) == failure;
    }

    private static ExtensionContext context() {
        Method probe;
        try {
            probe = SkipPolicyProbe.class.getDeclaredMethod("context");
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        return (ExtensionContext) Proxy.newProxyInstance(ExtensionContext.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getDisplayName" -> "probe()";
                    case "getTestClass" -> Optional.of(SkipPolicyProbe.class);
                    case "getTestMethod" -> Optional.of(probe);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

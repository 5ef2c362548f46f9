package dev.huddle.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.api.Operations;
import dev.huddle.app.lease.Leases;
import dev.huddle.core.agent.AgentId;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The remote client's family classes that the build generates from the operations table (FamilySources). */
class GeneratedFamiliesTest {

    /** One call as a generated method hands it over. */
    record Call(Class<?> family, String method, List<Object> args) {}

    @Test
    void everyFamilyOfTheTable_hasAGeneratedClass_thatIsNoProxy() {
        for (Class<?> family : Operations.FAMILIES) {
            Object impl = RemoteCoordinator.generated(family, (f, m, a) -> null);
            assertThat(impl).as(family.getSimpleName()).isInstanceOf(family);
            assertThat(Proxy.isProxyClass(impl.getClass())).isFalse();
            assertThat(impl.getClass().getName()).isEqualTo("dev.huddle.remote.Remote" + family.getSimpleName());
        }
    }

    @Test
    void everyMethodOfEveryFamily_handsItsFamilyNameAndArguments_inOrder() throws Exception {
        for (Class<?> family : Operations.FAMILIES) {
            List<Call> calls = new ArrayList<>();
            Object impl = RemoteCoordinator.generated(family, (f, m, a) -> {
                calls.add(new Call(f, m, Arrays.asList(a)));
                return null;
            });
            for (Method m : family.getMethods()) {
                if (m.isDefault() || Modifier.isStatic(m.getModifiers()) || m.getReturnType().isPrimitive()
                        && m.getReturnType() != void.class) {
                    continue; // a primitive result cannot be null; its cast is checked by the compiler
                }
                Object[] args = new Object[m.getParameterCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = sample(m.getParameterTypes()[i], i);
                }
                calls.clear();
                m.invoke(impl, args);
                assertThat(calls).as(family.getSimpleName() + "." + m.getName())
                        .containsExactly(new Call(family, m.getName(), Arrays.asList(args)));
            }
        }
    }

    @Test
    void aCallFails_asTheCallFails() {
        Leases leases = (Leases) RemoteCoordinator.generated(Leases.class, (f, m, a) -> {
            throw new IllegalStateException("refused " + m + " " + a[0]);
        });
        assertThatThrownBy(() -> leases.check(Optional.of(AgentId.of("bob")), List.of("a.py")))
                .isInstanceOf(IllegalStateException.class).hasMessage("refused check Optional[bob]");
    }

    @Test
    void theSources_areTheSameOnEveryRun() {
        // The build writes a file only when its text changes, so a rebuild recompiles nothing.
        assertThat(FamilySources.source("dev.huddle.remote", Leases.class))
                .isEqualTo(FamilySources.source("dev.huddle.remote", Leases.class))
                .contains("public final class RemoteLeases implements dev.huddle.app.lease.Leases")
                .doesNotContain("$");
    }

    /** A distinct non-null value of the parameter's type where one is easy to make, else null. */
    private static Object sample(Class<?> type, int i) {
        if (type == boolean.class) {
            return i % 2 == 0;
        }
        if (type == int.class) {
            return i + 7;
        }
        if (type == long.class) {
            return i + 7L;
        }
        if (type == String.class) {
            return "s" + i;
        }
        if (type == Optional.class) {
            return Optional.of("o" + i);
        }
        if (type == List.class) {
            return List.of("l" + i);
        }
        return null;
    }
}

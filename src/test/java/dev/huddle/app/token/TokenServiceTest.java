package dev.huddle.app.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.huddle.app.token.Authentication.Authenticated;
import dev.huddle.app.token.Authentication.Reason;
import dev.huddle.app.token.Authentication.Refused;
import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.token.AccessToken;
import dev.huddle.core.token.TokenText;
import dev.huddle.store.Tx;
import dev.huddle.store.sqlite.SqliteStore;
import dev.huddle.testing.TestHuddle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenServiceTest {

    @TempDir
    Path dir;

    TestHuddle h;
    Tokens tokens;
    AgentId alice;

    @BeforeEach
    void open() {
        h = new TestHuddle(dir);
        tokens = h.coordinator.tokens();
        alice = h.register("alice");
    }

    @AfterEach
    void close() {
        h.close();
    }

    Instant now() {
        return h.clock.instant();
    }

    List<Event> events(String kind) {
        return h.coordinator.events().log(new EventFilter(Optional.empty(), Optional.of(kind), Optional.empty(), Optional.empty(),
                0, 10_000));
    }

    AccessToken stored(String id) {
        try (SqliteStore store = h.store()) {
            return store.read((Tx tx) -> tx.tokens().find(id)).orElseThrow();
        }
    }

    @Nested
    class Issue {

        @Test
        void issue_printsAPrefixedRandomToken_storesOnlyItsHash_underAnIdFromTheHash() throws IOException {
            IssuedToken issued = tokens.issue(alice, false, Optional.empty());
            assertThat(issued.secret()).matches("hdl_[A-Za-z0-9_-]{43}");
            assertThat(tokens.issue(alice, false, Optional.empty()).secret()).isNotEqualTo(issued.secret());
            AccessToken row = stored(issued.token().id());
            assertThat(row.hash()).isEqualTo(TokenText.hashOf(issued.secret()).orElseThrow()).hasSize(64)
                    .isNotEqualTo(issued.secret());
            assertThat(row.id()).isEqualTo(row.hash().substring(0, 16));
            assertThat(row.agent()).isEqualTo(alice);
            assertThat(row.expiresAt()).isEmpty();
            assertThat(issued.toString()).doesNotContain(issued.secret());
            h.close();
            assertThat(bytesUnder(dir)).as("no file of the store holds the token or its random part")
                    .doesNotContain(issued.secret()).doesNotContain(issued.secret().substring(4));
            h = new TestHuddle(dir);
        }

        @Test
        void issue_withTtl_expiresThatLongAfterNow() {
            IssuedToken issued = tokens.issue(alice, false, Optional.of(Duration.ofHours(2)));
            assertThat(issued.token().expiresAt()).contains(now().plus(Duration.ofHours(2)));
            assertThat(issued.token().createdAt()).isEqualTo(now());
        }

        @Test
        void issue_forAnUnregisteredAgent_refusedSayingHowToRegister_andNothingWritten() {
            long seq = h.coordinator.events().lastSeq();
            assertThatThrownBy(() -> tokens.issue(AgentId.of("ghost"), false, Optional.empty()))
                    .isInstanceOfSatisfying(HuddleException.class, e -> {
                        assertThat(e.kind()).isEqualTo(HuddleException.Kind.FAILED);
                        assertThat(e.getMessage()).contains("huddle register ghost").contains("--operator");
                    });
            assertThat(tokens.list()).isEmpty();
            assertThat(h.coordinator.events().lastSeq()).isEqualTo(seq);
        }

        @Test
        void issue_operatorToken_mayNameAnyId_andAuthenticatesAsOperator() {
            IssuedToken issued = tokens.issue(AgentId.of("Ana"), true, Optional.empty());
            assertThat(tokens.authenticate(issued.secret(), now())).isEqualTo(
                    new Authenticated(new Principal(AgentId.of("ana"), true, issued.token().id())));
        }

        @Test
        void issue_whenRehearsed_storesNothing() {
            h.coordinator.rehearsing().tokens().issue(alice, false, Optional.empty());
            assertThat(tokens.list()).isEmpty();
            assertThat(events("token")).isEmpty();
        }

        @Test
        void issue_withZeroOrNegativeTtl_invalid() {
            for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
                assertThatThrownBy(() -> tokens.issue(alice, false, Optional.of(bad)))
                        .isInstanceOfSatisfying(HuddleException.class,
                                e -> assertThat(e.kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT));
            }
            assertThat(tokens.list()).isEmpty();
        }
    }

    @Nested
    class Authenticate {

        @Test
        void authenticate_liveToken_givesItsPrincipal_andRecordsLastUseAtMostOnceInItsOwnOneToTwoMinutes() {
            IssuedToken issued = tokens.issue(alice, false, Optional.empty());
            assertThat(tokens.authenticate(issued.secret(), now()))
                    .isEqualTo(new Authenticated(new Principal(alice, false, issued.token().id())));
            Instant first = now();
            assertThat(tokens.list().getFirst().lastUsed()).contains(first);
            Duration every = TokenService.lastUseEvery(issued.token().id());
            assertThat(every).isBetween(Duration.ofMinutes(1), Duration.ofMinutes(2));
            h.clock.advance(every.minusMillis(1));
            tokens.authenticate(issued.secret(), now());
            assertThat(tokens.list().getFirst().lastUsed()).as("not written again within its interval").contains(first);
            h.clock.advance(Duration.ofMillis(1));
            tokens.authenticate(issued.secret(), now());
            assertThat(tokens.list().getFirst().lastUsed()).contains(now());
            assertThat(events("token.refused")).isEmpty();
        }

        /**
         * Fifty agents started together by a script use their tokens every second: their last uses
         * are written again spread over the following minute, not all in the same second of it.
         */
        @Test
        void tokensFirstUsedTogether_haveTheirLastUseWrittenAgainSpreadOverAMinute_notInOneBurst() {
            List<IssuedToken> issued = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                issued.add(tokens.issue(alice, false, Optional.empty()));
            }
            issued.forEach(t -> tokens.authenticate(t.secret(), now()));
            Instant start = now();
            Map<String, Instant> written = new HashMap<>();
            for (int second = 1; second <= 120; second++) {
                h.clock.advance(Duration.ofSeconds(1));
                issued.forEach(t -> tokens.authenticate(t.secret(), now()));
                for (var view : tokens.list()) {
                    if (view.lastUsed().filter(at -> at.isAfter(start)).isPresent()) {
                        written.putIfAbsent(view.id(), view.lastUsed().get());
                    }
                }
            }
            assertThat(written).as("every token's use written again within two minutes").hasSize(50);
            Map<Instant, Long> perSecond = written.values().stream()
                    .collect(Collectors.groupingBy(at -> at, Collectors.counting()));
            assertThat(perSecond.keySet()).as("seconds with a write").hasSizeGreaterThanOrEqualTo(20);
            assertThat(Collections.max(perSecond.values())).as("writes in the busiest second").isLessThanOrEqualTo(8);
        }

        @Test
        void authenticate_wellFormedButNeverIssued_unknown() {
            tokens.issue(alice, false, Optional.empty());
            String other = TokenText.format(new byte[32]);
            assertThat(tokens.authenticate(other, now())).isEqualTo(new Refused(Reason.UNKNOWN));
        }

        @Test
        void authenticate_comparesTheWholeHash_notOnlyTheIdItIsFoundBy() {
            String presented = TokenText.format(new byte[32]);
            String hash = TokenText.hashOf(presented).orElseThrow();
            String otherHash = hash.substring(0, 16) + (hash.charAt(16) == '0' ? '1' : '0') + hash.substring(17);
            try (SqliteStore store = h.store()) {
                store.write((Tx tx) -> {
                    tx.tokens().insert(new AccessToken(TokenText.idOf(hash), alice, true, otherHash, now(), Optional.empty(),
                            Optional.empty(), Optional.empty()));
                    return null;
                });
            }
            assertThat(tokens.authenticate(presented, now())).isEqualTo(new Refused(Reason.UNKNOWN));
        }

        @Test
        void authenticate_usesTheConstantTimeCompare() {
            JavaClass service = new ClassFileImporter().importClasses(TokenService.class).get(TokenService.class);
            assertThat(service.getMethodCallsFromSelf()).filteredOn(c -> c.getOrigin().getName().startsWith("authenticate"))
                    .extracting(TokenServiceTest::target).contains("TokenText.sameHash")
                    .doesNotContain("String.equals", "Object.equals");
            JavaClass text = new ClassFileImporter().importClasses(TokenText.class).get(TokenText.class);
            assertThat(text.getMethodCallsFromSelf()).filteredOn(c -> c.getOrigin().getName().equals("sameHash"))
                    .extracting(TokenServiceTest::target).containsExactlyInAnyOrder("MessageDigest.isEqual", "String.getBytes",
                            "String.getBytes");
            assertThat(TokenText.sameHash("ab".repeat(32), "ab".repeat(32))).isTrue();
            assertThat(TokenText.sameHash("ab".repeat(32), "ab".repeat(31) + "ac")).isFalse();
            assertThat(TokenText.sameHash("ab".repeat(32), "ab")).isFalse();
        }

        @Test
        void authenticate_revoked_refusedAsRevoked() {
            IssuedToken issued = tokens.issue(alice, false, Optional.empty());
            tokens.revoke(issued.token().id());
            assertThat(tokens.authenticate(issued.secret(), now())).isEqualTo(new Refused(Reason.REVOKED));
        }

        @Test
        void authenticate_fromItsExpiryOn_refusedAsExpired() {
            IssuedToken issued = tokens.issue(alice, false, Optional.of(Duration.ofHours(1)));
            h.clock.advance(Duration.ofMinutes(59));
            assertThat(tokens.authenticate(issued.secret(), now())).isInstanceOf(Authenticated.class);
            h.clock.advance(Duration.ofMinutes(1));
            assertThat(tokens.authenticate(issued.secret(), now())).isEqualTo(new Refused(Reason.EXPIRED));
            assertThat(tokens.list().getFirst().state()).isEqualTo("expired");
        }

        @Test
        void authenticate_malformed_refusedAsMalformed() {
            String good = tokens.issue(alice, false, Optional.empty()).secret();
            String body = good.substring(4);
            // The 43rd character of 32 bytes carries 4 bits: one with its low bits set decodes to the same bytes.
            char last = body.charAt(42);
            String nonCanonical = good.substring(0, 46) + (char) (last == 'A' ? 'B' : last == 'Q' ? 'R' : 'B');
            for (String bad : List.of("", "hdl_", "Bearer " + good, good + " ", " " + good, good.substring(0, 46),
                    "HDL_" + body, "ghp_" + body, "hdl_" + body.replace(body.charAt(0), '+').substring(0, 43),
                    "hdl_" + "=".repeat(43), nonCanonical)) {
                if (!bad.equals(good)) {
                    assertThat(tokens.authenticate(bad, now())).as(bad).isEqualTo(new Refused(Reason.MALFORMED));
                }
            }
            assertThat(tokens.authenticate(null, now())).isEqualTo(new Refused(Reason.MALFORMED));
            assertThat(tokens.authenticate(good, now())).isInstanceOf(Authenticated.class);
        }
    }

    @Nested
    class Audit {

        @Test
        void issueRevokeAndRefusals_leaveEvents_withoutSecretOrHash() {
            IssuedToken issued = tokens.issue(alice, false, Optional.of(Duration.ofHours(1)));
            String hash = TokenText.hashOf(issued.secret()).orElseThrow();
            tokens.authenticate("hdl_nope", now());
            tokens.authenticate(TokenText.format(new byte[32]), now());
            tokens.revoke(issued.token().id());
            tokens.authenticate(issued.secret(), now());
            assertThat(events("token.issue")).singleElement().satisfies(e -> {
                assertThat(e.agent()).isEmpty();
                assertThat(e.data()).containsEntry("token", issued.token().id()).containsEntry("for", "alice")
                        .containsEntry("operator", false).containsKey("expires_at");
            });
            assertThat(events("token.revoke")).singleElement()
                    .satisfies(e -> assertThat(e.data()).containsEntry("token", issued.token().id()));
            assertThat(events("token.refused")).extracting(e -> e.data().get("reason"))
                    .containsExactly("malformed", "unknown", "revoked");
            assertThat(events("token.refused").getLast().data()).containsEntry("token", issued.token().id());
            assertThat(events("token").toString()).doesNotContain(issued.secret()).doesNotContain(issued.secret().substring(4))
                    .doesNotContain(hash).doesNotContain("hdl_nope");
        }

        @Test
        void refusals_beyondTenAMinute_notWrittenButCounted_inTheNextEventWritten() {
            for (int i = 0; i < 25; i++) {
                assertThat(tokens.authenticate("garbage-" + i, now())).isEqualTo(new Refused(Reason.MALFORMED));
                h.clock.advance(Duration.ofSeconds(1));
            }
            assertThat(events("token.refused")).hasSize(RefusalBudget.PER_MINUTE)
                    .allSatisfy(e -> assertThat(e.data()).doesNotContainKey("refusals_not_logged"));
            h.clock.advance(Duration.ofSeconds(35));
            tokens.authenticate("garbage", now());
            assertThat(events("token.refused")).hasSize(RefusalBudget.PER_MINUTE + 1).last()
                    .satisfies(e -> assertThat(e.data()).containsEntry("refusals_not_logged", 15L));
        }
    }

    @Nested
    class ListAndRevoke {

        @Test
        void list_showsEveryTokenOldestFirst_withItsState_neverItsSecretOrHash() {
            IssuedToken a = tokens.issue(alice, false, Optional.of(Duration.ofMinutes(5)));
            h.clock.advance(Duration.ofMinutes(1));
            IssuedToken b = tokens.issue(AgentId.of("ana"), true, Optional.empty());
            IssuedToken c = tokens.issue(alice, false, Optional.empty());
            tokens.revoke(c.token().id());
            h.clock.advance(Duration.ofMinutes(5));
            List<TokenView> all = tokens.list();
            assertThat(all).extracting(TokenView::id).containsExactly(a.token().id(), b.token().id(), c.token().id());
            assertThat(all).extracting(TokenView::state).containsExactly("expired", "active", "revoked");
            for (IssuedToken t : List.of(a, b, c)) {
                assertThat(all.toString()).doesNotContain(t.secret()).doesNotContain(TokenText.hashOf(t.secret()).orElseThrow());
            }
            assertThat(Stream.of(TokenView.class.getRecordComponents()).map(rc -> rc.getName()))
                    .doesNotContain("secret", "hash");
        }

        @Test
        void revoke_twice_secondChangesNothing_andIsNotAudited() {
            IssuedToken t = tokens.issue(alice, false, Optional.empty());
            Revocation first = tokens.revoke(t.token().id().toUpperCase());
            assertThat(first.changed()).isTrue();
            assertThat(first.token().revokedAt()).contains(now());
            assertThat(tokens.revoke(t.token().id()).changed()).isFalse();
            assertThat(events("token.revoke")).hasSize(1);
        }

        @Test
        void revoke_unknownId_failed_malformedId_invalid_theTokenItself_invalidWithoutEchoingIt() {
            String secret = tokens.issue(alice, false, Optional.empty()).secret();
            long seq = h.coordinator.events().lastSeq();
            assertThatThrownBy(() -> tokens.revoke("0000000000000000")).isInstanceOfSatisfying(HuddleException.class,
                    e -> assertThat(e.kind()).isEqualTo(HuddleException.Kind.FAILED));
            assertThatThrownBy(() -> tokens.revoke("t-1")).isInstanceOfSatisfying(HuddleException.class,
                    e -> assertThat(e.kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT));
            assertThatThrownBy(() -> tokens.revoke(secret)).isInstanceOfSatisfying(HuddleException.class, e -> {
                assertThat(e.kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT);
                assertThat(e.getMessage()).doesNotContain(secret).doesNotContain(secret.substring(4)).contains("token list");
            });
            assertThat(tokens.list()).singleElement().satisfies(v -> assertThat(v.state()).isEqualTo("active"));
            assertThat(h.coordinator.events().lastSeq()).isEqualTo(seq);
        }
    }

    private static String target(JavaMethodCall call) {
        return call.getTarget().getOwner().getSimpleName() + "." + call.getTarget().getName();
    }

    /** Every file under {@code root} as Latin-1 text, so any byte sequence can be searched for. */
    private static String bytesUnder(Path root) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        return all.toString();
    }
}

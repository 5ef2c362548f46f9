package dev.huddle.app.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.app.Workspace;
import dev.huddle.core.HuddleException;
import dev.huddle.core.lease.Resource;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random trees of directories, files and links (to files, to directories, chains, {@code ..},
 * dangling, out of the repository, loops), and random spellings walked through them. Every
 * spelling must resolve to what the kernel says (the oracle: {@code toRealPath} of the spelling,
 * or of its parent directory plus the new name when it does not exist yet): so every spelling of
 * one file is one resource, and a spelling that lands outside the repository is refused. The seed
 * is printed; a failure names seed, tree and spelling.
 */
class ResolverPropertiesTest {

    private static final int TREES = 12;
    private static final int SPELLINGS = 150;

    @TempDir
    Path base;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11L, 20261203L, 0xfeedL, 424242L})
    void everySpelling_resolvesWhereTheKernelSays(long seed) throws IOException {
        System.out.println("ResolverPropertiesTest seed " + seed);
        Random random = new Random(seed);
        int[] outcomes = new int[3]; // looped, outside, inside through a link
        for (int t = 0; t < TREES; t++) {
            Path top = Files.createDirectories(base.resolve("s" + seed + "t" + t));
            Path repo = Files.createDirectories(top.resolve("repo"));
            Files.createDirectories(top.resolve("outside/o1"));
            Files.writeString(top.resolve("outside/o.txt"), "o");
            List<String> made = tree(random, repo);
            ResourceResolver resolver = new ResourceResolver(new Workspace(repo, repo), CaseProbe.sensitive());
            Map<String, Set<String>> spellingsOfFile = new HashMap<>();
            for (int s = 0; s < SPELLINGS; s++) {
                String spelling = spell(random, repo);
                String id = "seed %d tree %d %s, spelling '%s'".formatted(seed, t, made, spelling);
                Optional<Path> real = oracle(repo, spelling);
                if (real == null) {
                    continue; // the kernel cannot say (a dangling last link, a name after a missing directory)
                }
                Path realRoot = repo.toRealPath();
                boolean inside = real.isPresent() && real.get().startsWith(realRoot) && !real.get().equals(realRoot);
                if (real.isEmpty()) {
                    outcomes[0]++;
                    assertThatThrownBy(() -> resolver.resolve(spelling)).as(id + ": links loop")
                            .isInstanceOf(HuddleException.class).hasMessageContaining("symbolic links");
                } else if (inside) {
                    outcomes[2] += spelling.contains("l") ? 1 : 0;
                    String expected = realRoot.relativize(real.get()).toString();
                    Resource got = resolver.resolve(spelling).resource();
                    assertThat(got.text()).as(id).isEqualTo(expected);
                    assertThat(resolver.target(repo.resolve(spelling))).as(id + " as a write target").containsExactly(got);
                    spellingsOfFile.computeIfAbsent(expected, k -> new HashSet<>()).add(spelling);
                } else if (real.get().equals(realRoot)) {
                    assertThatThrownBy(() -> resolver.resolve(spelling)).as(id).hasMessageContaining("whole repository");
                    assertThat(resolver.target(repo.resolve(spelling))).as(id).extracting(Resource::text).containsExactly("**");
                } else {
                    outcomes[1]++;
                    assertThatThrownBy(() -> resolver.resolve(spelling)).as(id + ": lands at " + real.get())
                            .isInstanceOf(HuddleException.class).hasMessageContaining("outside");
                    assertThat(resolver.target(repo.resolve(spelling))).as(id + " as a write target").isEmpty();
                }
            }
            // The point of it all: files reached by several spellings, each giving one resource.
            assertThat(spellingsOfFile.values().stream().filter(v -> v.size() > 1).count())
                    .as("seed %d tree %d: several spellings of one file were drawn", seed, t).isPositive();
        }
        System.out.printf("seed %d: %d looping, %d outside, %d inside through links%n", seed, outcomes[0], outcomes[1], outcomes[2]);
        assertThat(java.util.Arrays.stream(outcomes).min().orElseThrow())
                .as("seed %d: loops, spellings out, spellings through links were all drawn", seed).isPositive();
    }

    /**
     * Where the kernel resolves the spelling: {@code Optional.empty()} when its links loop; null
     * when it cannot be told without following a dangling link or a missing directory.
     */
    private static Optional<Path> oracle(Path repo, String spelling) throws IOException {
        Path p = repo.resolve(spelling);
        try {
            return Optional.of(p.toRealPath());
        } catch (FileSystemException e) {
            if (e.getMessage() != null && e.getMessage().contains("Too many levels of symbolic links")) {
                return Optional.empty();
            }
        }
        String last = p.getFileName().toString();
        if (last.equals("..") || last.equals(".") || Files.isSymbolicLink(p)) {
            return null;
        }
        try {
            return Optional.of(p.getParent().toRealPath().resolve(last));
        } catch (FileSystemException e) {
            return null;
        }
    }

    /** Builds a random tree; returns a one-line description of what was made, for failure messages. */
    private static List<String> tree(Random random, Path repo) throws IOException {
        List<String> dirs = new ArrayList<>(List.of(""));
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String d = join(pick(random, dirs), "d" + i);
            Files.createDirectories(repo.resolve(d));
            dirs.add(d);
            made.add(d + "/");
        }
        List<String> entries = new ArrayList<>(dirs.subList(1, dirs.size()));
        for (int i = 0; i < 5; i++) {
            String f = join(pick(random, dirs), "f" + i);
            Files.writeString(repo.resolve(f), f);
            entries.add(f);
            made.add(f);
        }
        for (int i = 0; i < 7; i++) {
            String at = join(pick(random, dirs), "l" + i);
            String target = switch (random.nextInt(8)) {
                case 0 -> "../".repeat(depth(at) + 1) + "outside/" + (random.nextBoolean() ? "o1" : "o.txt"); // out, existing
                case 1 -> "../".repeat(depth(at) + 1) + "outside/missing";                                  // out, missing
                case 2 -> "missing" + i;                                                                     // dangling inside
                case 3 -> "l" + random.nextInt(7);                                                           // a chain, maybe a loop
                case 4 -> "..";
                default -> relative(at, pick(random, entries));                                              // a file or directory
            };
            Files.createSymbolicLink(repo.resolve(at), Path.of(target));
            entries.add(at);
            made.add(at + "->" + target);
        }
        return made;
    }

    /** A random walk from the root through entries, links, '.' and '..'. */
    private static String spell(Random random, Path repo) throws IOException {
        List<String> parts = new ArrayList<>();
        Path at = repo;
        for (int n = 1 + random.nextInt(5); n > 0; n--) {
            int roll = random.nextInt(10);
            if (roll == 0) {
                parts.add("..");
                at = at.resolve("..");
                continue;
            }
            if (roll == 1) {
                parts.add(".");
                continue;
            }
            List<String> names = Files.isDirectory(at) ? list(at) : List.of();
            String name = names.isEmpty() || roll == 2 ? "new" + random.nextInt(3) : pick(random, names);
            parts.add(name);
            at = at.resolve(name);
            if (!Files.isDirectory(at)) {
                break;
            }
        }
        return String.join("/", parts);
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".git")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String relative(String from, String to) {
        Path dir = Path.of("/r", from).getParent();
        String rel = dir.relativize(Path.of("/r", to)).toString();
        return rel.isEmpty() ? "." : rel;
    }

    private static int depth(String path) {
        return (int) path.chars().filter(c -> c == '/').count();
    }

    private static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}

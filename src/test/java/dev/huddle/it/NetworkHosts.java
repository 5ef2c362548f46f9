package dev.huddle.it;

import dev.huddle.testing.Prerequisite;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Machines of their own for a test: network namespaces ({@code ip netns}), each with one interface
 * ({@code eth0}, a veth pair) plugged into a bridge in this namespace, on a /24 of its own
 * ({@code 10.213.N.0/24}): the bridge is {@code .1}, where a server binds, and host {@code i} is
 * {@code .(11+i)}. {@link #close} deletes the namespaces (their veths go with them) and the bridge,
 * whatever happened. Needs root and {@code ip}: without them the test skips (fails under CI=true).
 */
final class NetworkHosts implements AutoCloseable {

    private final String id;
    private final int subnet;
    private final int count;
    private final List<String> created = new ArrayList<>();

    private NetworkHosts(String id, int subnet, int count) {
        this.id = id;
        this.subnet = subnet;
        this.count = count;
    }

    /** {@code count} hosts on a new bridge; on failure everything made so far is removed. */
    static NetworkHosts create(int count) {
        byte[] random = new SecureRandom().generateSeed(3);
        NetworkHosts hosts = new NetworkHosts(HexFormat.of().formatHex(random, 0, 2), Byte.toUnsignedInt(random[2]), count);
        Prerequisite.require(hosts.probe(), "network namespaces (`ip netns add` as root)");
        try {
            hosts.build();
        } catch (RuntimeException e) {
            hosts.close();
            throw e;
        }
        return hosts;
    }

    /** The address a server on the bridge binds. */
    String serverAddress() {
        return "10.213." + subnet + ".1";
    }

    /** The namespace of host {@code i}. */
    String namespace(int i) {
        return "hd" + id + "n" + i;
    }

    /** The command prefix that runs a process on host {@code i}. */
    List<String> on(int i) {
        return List.of("ip", "netns", "exec", namespace(i));
    }

    /** Host {@code i}'s cable out (its interface down: its packets go nowhere) or back in. */
    void plug(int i, boolean in) {
        ip("netns", "exec", namespace(i), "ip", "link", "set", "eth0", in ? "up" : "down");
    }

    private String bridge() {
        return "hd" + id + "br";
    }

    private void build() {
        ip("link", "add", bridge(), "type", "bridge");
        created.add("bridge");
        ip("addr", "add", serverAddress() + "/24", "dev", bridge());
        ip("link", "set", bridge(), "up");
        for (int i = 0; i < count; i++) {
            String ns = namespace(i);
            String outside = "hd" + id + "v" + i;
            ip("netns", "add", ns);
            created.add(ns);
            ip("link", "add", outside, "type", "veth", "peer", "name", "hd" + id + "p" + i);
            ip("link", "set", "hd" + id + "p" + i, "netns", ns, "name", "eth0");
            ip("link", "set", outside, "master", bridge(), "up");
            ip("netns", "exec", ns, "ip", "addr", "add", "10.213." + subnet + "." + (11 + i) + "/24", "dev", "eth0");
            ip("netns", "exec", ns, "ip", "link", "set", "lo", "up");
            plug(i, true);
        }
    }

    /** Deletes what was made; the veth pairs die with their namespace. Safe to repeat. */
    @Override
    public void close() {
        List<String> failures = new ArrayList<>();
        for (String made : created.reversed()) {
            List<String> args = made.equals("bridge") ? List.of("link", "del", bridge()) : List.of("netns", "del", made);
            if (run(args) != 0) {
                failures.add(String.join(" ", args));
            }
        }
        created.clear();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("could not clean up: ip " + failures);
        }
    }

    private boolean probe() {
        String ns = "hd" + id + "probe";
        if (run(List.of("netns", "add", ns)) != 0) {
            return false;
        }
        return run(List.of("netns", "del", ns)) == 0;
    }

    private void ip(String... args) {
        StringBuilder output = new StringBuilder();
        int code = run(List.of(args), output);
        if (code != 0) {
            throw new IllegalStateException("ip " + String.join(" ", args) + " exited " + code + ": " + output.toString().strip());
        }
    }

    private static int run(List<String> args) {
        return run(args, new StringBuilder());
    }

    /** Runs {@code ip ARGS}, appending what it printed to {@code output}; -1 when it could not run. */
    private static int run(List<String> args, StringBuilder output) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            output.append(new String(p.getInputStream().readAllBytes()));
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            output.append(e.getMessage());
            return -1; // no ip(8): the probe reports it as missing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}

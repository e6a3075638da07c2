package dev.ordo.ordering;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for test servers that bind later. A port from {@code bind(0)} comes from
 * the kernel's ephemeral range, where an outgoing connection opened between the check and
 * the server's bind can take it ("Address already in use"); ports here come from below that
 * range, are checked bindable, and are handed out once per JVM.
 */
public final class LoopbackPorts {
  private static final int LOWEST = 20_000;
  private static final int BELOW = ephemeralRangeStart();
  private static final Set<Integer> handedOut = new HashSet<>();

  private LoopbackPorts() {
  }

  public static synchronized int next() {
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, BELOW);
      if (!handedOut.contains(port) && bindable(port)) {
        handedOut.add(port);
        return port;
      }
    }
    throw new IllegalStateException("no free loopback port between " + LOWEST + " and " + BELOW);
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int ephemeralRangeStart() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
      int start = Integer.parseInt(range.split("\\s+")[0]);
      return start > LOWEST + 1_000 ? start : 32_768;
    } catch (IOException | RuntimeException e) {
      return 32_768; // not Linux, or unreadable: Linux's default start
    }
  }
}

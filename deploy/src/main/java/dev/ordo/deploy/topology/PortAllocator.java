package dev.ordo.deploy.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free loopback ports, found by binding port 0. Every socket stays bound until {@link #close()}
 * so that one allocator never hands out the same port twice.
 */
public final class PortAllocator implements AutoCloseable {
    private final List<ServerSocket> held = new ArrayList<>();

    /** A port free on 127.0.0.1 now. */
    public int next() {
        try {
            ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(NetworkTopology.LOOPBACK));
            held.add(socket);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port: " + e.getMessage(), e);
        }
    }

    /** Releases every port so the nodes can bind them. */
    @Override
    public void close() {
        for (ServerSocket socket : held) {
            try {
                socket.close();
            } catch (IOException e) {
                // the port is released when the socket is collected at the latest
            }
        }
        held.clear();
    }
}

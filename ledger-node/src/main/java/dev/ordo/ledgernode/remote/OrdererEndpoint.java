package dev.ordo.ledgernode.remote;

/** An orderer's AtomicBroadcast address; {@code name} is its consenter id or the configured address. */
public record OrdererEndpoint(String name, String host, int port) {
    public String address() {
        return host + ":" + port;
    }
}

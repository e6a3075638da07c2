package dev.ordo.ledgernode.remote;

import dev.ordo.ledgernode.validate.ChannelRules;
import dev.ordo.proto.v1.Consenter;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Which orderers serve a channel: the addresses configured for this node if any (e.g. behind
 * a proxy), else the channel configuration's consenters. Trust for their TLS certificates
 * comes from the channel's organisations (the orderer organisation's TLS roots).
 */
public final class OrdererDirectory {
    private final List<OrdererEndpoint> configured;

    public OrdererDirectory(List<OrdererEndpoint> configured) {
        this.configured = List.copyOf(configured);
    }

    public List<OrdererEndpoint> endpoints(ChannelRules rules) {
        if (!configured.isEmpty()) {
            return configured;
        }
        List<OrdererEndpoint> endpoints = new ArrayList<>();
        for (Consenter consenter : rules.config().getOrdering().getConsentersList()) {
            if (consenter.hasEndpoint()) {
                endpoints.add(new OrdererEndpoint(consenter.getId(), consenter.getEndpoint().getHost(),
                        consenter.getEndpoint().getPort()));
            }
        }
        return endpoints;
    }

    public List<X509Certificate> tlsRoots(ChannelRules rules) {
        return rules.msp().tlsRoots();
    }
}

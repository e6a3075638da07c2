package dev.ordo.deploy.topology;

/** What a node of the local network is. */
public enum NodeKind {
    ORDERER,
    PEER
}

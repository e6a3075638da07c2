/**
 * What Ordo adds to Hyperledger Fabric's official Gateway client
 * ({@code org.hyperledger.fabric.client}), which applications use unchanged.
 *
 * <p>In the order a user meets them: {@link dev.ordo.sdk.profile.NetworkProfile} (load the
 * network's description) → {@link dev.ordo.sdk.OrdoGateway} (the Fabric {@code Gateway}
 * connected from it, with TLS, host-name override, message limit and deadlines) → the Fabric
 * client's {@code Network}, {@code Contract}, {@code Proposal}, {@code Transaction} →
 * {@link dev.ordo.sdk.GatewayErrors} (explain a failure with every node's details).
 * {@link dev.ordo.sdk.identity.OrdoSigners} is a faster drop-in for the client's signer;
 * {@link dev.ordo.sdk.cli.OrdoCli} is the {@code ordo} command line built on all of it.
 */
package dev.ordo.sdk;

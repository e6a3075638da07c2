/**
 * Identities and trust for Ordo: organisation CAs, the membership service provider (MSP)
 * that validates Fabric {@code SerializedIdentity} bytes against a channel's view of an
 * organisation, ECDSA P-256 signing and verification with low-S enforced, Ordo's policy
 * language, TLS material and generation of crypto material in Fabric's {@code cryptogen}
 * layout. All cryptography goes through Bouncy Castle.
 */
package dev.ordo.membership;

/**
 * Bouncy Castle building blocks: the shared provider, P-256 keys, ECDSA with Fabric's low-S and strict-DER rules, PEM codecs and subject-name reading.
 */
package dev.ordo.membership.crypto;

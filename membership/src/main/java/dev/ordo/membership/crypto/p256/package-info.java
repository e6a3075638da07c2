/**
 * Fast ECDSA P-256 signature verification written for Ordo: field arithmetic modulo p in
 * Montgomery form on 52-bit limbs, Jacobian point arithmetic with a = −3, and u1·G + u2·Q by
 * interleaved width-w NAFs over precomputed affine tables (static for G, per key for Q).
 *
 * <p>Verification only: everything here is variable time and must never see secret data.
 * {@link dev.ordo.membership.crypto.p256.P256PublicKey} is the entry point;
 * {@code EcdsaSignatures} applies the DER and low-S rules on top of it.
 */
package dev.ordo.membership.crypto.p256;

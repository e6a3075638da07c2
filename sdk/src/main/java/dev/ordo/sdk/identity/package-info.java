/** Signers for the Fabric Gateway client's {@code Signer} interface. */
package dev.ordo.sdk.identity;

/**
 * The channel MSP that validates serialized identities against organisations' CAs, CRLs and NodeOUs, and the Fabric MSP folder layout.
 */
package dev.ordo.membership.msp;

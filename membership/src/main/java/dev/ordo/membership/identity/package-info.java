/**
 * Identities (certificate, MSP id, role, serialized bytes) and signing identities.
 */
package dev.ordo.membership.identity;

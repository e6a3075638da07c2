/**
 * Generation of a network's crypto material in Fabric cryptogen's layout, from YAML or a NetworkSpec.
 */
package dev.ordo.membership.cryptogen;

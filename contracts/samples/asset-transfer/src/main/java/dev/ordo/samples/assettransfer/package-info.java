/**
 * Fabric's asset-transfer sample as Ordo ships it: assets with an owner and an owning
 * organisation, listed by key range and by owning organisation (a composite-key index), with
 * their history; only a client of the owning organisation may change or transfer an asset.
 * Written against Fabric's contract API only, so it runs unchanged on Fabric and on Ordo.
 */
package dev.ordo.samples.assettransfer;

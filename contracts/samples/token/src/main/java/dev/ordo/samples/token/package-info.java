/**
 * A fungible token: organisation admins mint to their own account, holders transfer to any
 * account, balances never go negative. Written against Fabric's contract API only.
 */
package dev.ordo.samples.token;

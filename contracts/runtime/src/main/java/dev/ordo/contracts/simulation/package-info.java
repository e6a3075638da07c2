/**
 * One transaction's simulation against committed state, recorded as Fabric records it: the
 * public read/write set with versions and range queries (for MVCC and phantom checks), the
 * hashed private read/write sets, the private write sets themselves, and the one chaincode
 * event.
 */
package dev.ordo.contracts.simulation;

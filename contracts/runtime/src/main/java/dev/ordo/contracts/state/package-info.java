/**
 * The boundary between contract simulation and committed ledger state: {@link
 * dev.ordo.contracts.state.StateReader} (implemented by the ledger node over its store, and by
 * {@link dev.ordo.contracts.state.InMemoryState} for tests and benchmarks), versions as Fabric
 * defines them, and the key order every implementation must share.
 */
package dev.ordo.contracts.state;

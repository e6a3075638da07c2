/**
 * Runs Fabric Java contracts in-process: {@link dev.ordo.contracts.runtime.ContractRuntime}
 * loads each contract jar into its own class loader (with its own copy of the Fabric shim and
 * Ordo's bridge), builds the shim's router once, and simulates calls against a
 * {@link dev.ordo.contracts.state.StateReader} under a time limit.
 */
package dev.ordo.contracts.runtime;

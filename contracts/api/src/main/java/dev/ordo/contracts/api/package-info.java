/**
 * The boundary between Ordo's contract runtime (the host) and the bridge that runs inside each
 * contract's own class loader.
 *
 * <p>Every contract gets a class loader holding its own copy of the Fabric shim, so no shim type
 * may cross between host and contract. What crosses is this package only: records and
 * interfaces whose signatures use JDK types. The contract loader's parent exposes exactly this
 * package from the host and the platform class loader for everything else.
 */
package dev.ordo.contracts.api;

package dev.ordo.ledgernode.ledger;

import dev.ordo.ledgernode.ledger.store.StateHash;
import java.util.Objects;

/**
 * A channel ledger's durable height and the state hash of the world state at that height: two
 * peers that report the same tip hold the same state (keys, values and versions).
 *
 * @param height number of durably committed blocks
 * @param stateHash the state hash after the last of them
 */
public record LedgerTip(long height, StateHash stateHash) {
    public LedgerTip {
        Objects.requireNonNull(stateHash, "stateHash");
    }
}

package dev.ordo.bench.load;

/** The three kinds of transaction the load generator sends. */
public enum TxKind {
    /** {@code CreateAsset} with a fresh random key: never conflicts. */
    CREATE,
    /** {@code TransferAsset} of an asset only this client touches: never conflicts. */
    TRANSFER_OWN,
    /**
     * {@code TransferAsset} of one of a few hot assets every client of the organisation
     * transfers: concurrent ones read the same version and all but the first committed get
     * {@code MVCC_READ_CONFLICT}.
     */
    TRANSFER_HOT
}

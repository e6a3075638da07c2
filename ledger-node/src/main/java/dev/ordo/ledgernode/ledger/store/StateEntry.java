package dev.ordo.ledgernode.ledger.store;

/** One committed key of a range scan: its encoded state key, the key itself and the stored value. */
public record StateEntry(byte[] stateKey, String key, byte[] stored) {

    public VersionedBytes value() {
        return VersionedBytes.decode(stored);
    }

    public Height height() {
        return VersionedBytes.heightOf(stored);
    }
}

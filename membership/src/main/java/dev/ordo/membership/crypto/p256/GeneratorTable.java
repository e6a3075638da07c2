package dev.ordo.membership.crypto.p256;

/**
 * The static tables of odd multiples of G for {@link DoubleScalarMultiplier}, built on first
 * use (a few milliseconds) and shared by every key.
 */
final class GeneratorTable {
    static final OddMultiplesTable[] TABLES = OddMultiplesTable.build(
            Field.fromBigInteger(Curve.GX), Field.fromBigInteger(Curve.GY),
            DoubleScalarMultiplier.PARTS, DoubleScalarMultiplier.PART_BITS, DoubleScalarMultiplier.G_WIDTH);

    private GeneratorTable() {
    }
}

package dev.ordo.membership.crypto;

import java.util.concurrent.Semaphore;

/**
 * How many verification keys of this process may hold wide P-256 tables (80 KB each) at once,
 * so that a network with many busy clients cannot grow every cached identity by that much: the
 * first keys to get busy get them, later ones keep their 20 KB tables. A key gives its place
 * back when it is garbage collected (see {@link EcdsaVerificationKey}).
 */
final class WideTableBudget {
    /** 128 keys: at most 10 MB of wide tables per process. */
    static final WideTableBudget PROCESS = new WideTableBudget(128);

    private final int capacity;
    private final Semaphore places;

    WideTableBudget(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, was " + capacity);
        }
        this.capacity = capacity;
        this.places = new Semaphore(capacity);
    }

    /** Takes a place if one is free. */
    boolean tryTake() {
        return places.tryAcquire();
    }

    /** Gives back a place taken by {@link #tryTake}. */
    void giveBack() {
        places.release();
    }

    /** Places taken now. */
    int taken() {
        return capacity - places.availablePermits();
    }
}

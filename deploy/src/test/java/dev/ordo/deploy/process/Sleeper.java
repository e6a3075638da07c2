package dev.ordo.deploy.process;

/** Main class of the jar {@link SleeperJar} writes: sleeps until it is stopped. */
public final class Sleeper {
    private Sleeper() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(120_000);
    }
}

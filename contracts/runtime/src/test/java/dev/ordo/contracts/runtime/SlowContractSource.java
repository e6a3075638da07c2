package dev.ordo.contracts.runtime;

/** A contract whose calls run for as long as asked, to test the time limit. */
final class SlowContractSource {

  static final String CLASS = "dev.ordo.testcontracts.slow.SlowContract";

  static final String SOURCE = """
      package dev.ordo.testcontracts.slow;

      import org.hyperledger.fabric.contract.Context;
      import org.hyperledger.fabric.contract.ContractInterface;
      import org.hyperledger.fabric.contract.annotation.Contract;
      import org.hyperledger.fabric.contract.annotation.Default;
      import org.hyperledger.fabric.contract.annotation.Transaction;

      @Contract(name = "slow")
      @Default
      public final class SlowContract implements ContractInterface {

        /** Busy-loops, ignoring interrupts, then tries to write. */
        @Transaction
        public void Spin(Context ctx, long millis) {
          long end = System.nanoTime() + millis * 1_000_000L;
          long spins = 0;
          while (System.nanoTime() < end) {
            spins++;
          }
          ctx.getStub().putStringState("spun", Long.toString(spins));
        }

        @Transaction
        public String Quick(Context ctx) {
          ctx.getStub().putStringState("quick", "done");
          return "done";
        }
      }
      """;

  private SlowContractSource() {}
}

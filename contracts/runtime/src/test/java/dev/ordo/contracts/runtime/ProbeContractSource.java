package dev.ordo.contracts.runtime;

/**
 * A contract that exercises the stub's API one call per transaction, so tests can check the
 * exact read/write set each call records. Compiled at test time against the shim.
 */
final class ProbeContractSource {

  static final String CLASS = "dev.ordo.testcontracts.probe.ProbeContract";

  static final String SOURCE = """
      package dev.ordo.testcontracts.probe;

      import java.nio.charset.StandardCharsets;
      import java.util.ArrayList;
      import java.util.HexFormat;
      import java.util.List;
      import org.hyperledger.fabric.contract.Context;
      import org.hyperledger.fabric.contract.ContractInterface;
      import org.hyperledger.fabric.contract.annotation.Contract;
      import org.hyperledger.fabric.contract.annotation.Default;
      import org.hyperledger.fabric.contract.annotation.Transaction;
      import org.hyperledger.fabric.shim.ChaincodeException;
      import org.hyperledger.fabric.shim.ChaincodeStub;
      import org.hyperledger.fabric.shim.ledger.CompositeKey;
      import org.hyperledger.fabric.shim.ledger.KeyModification;
      import org.hyperledger.fabric.shim.ledger.KeyValue;
      import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
      import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

      @Contract(name = "probe")
      @Default
      public final class ProbeContract implements ContractInterface {

        private static String utf8(byte[] b) {
          return b == null ? "<null>" : new String(b, StandardCharsets.UTF_8);
        }

        @Transaction
        public void Put(Context ctx, String key, String value) {
          ctx.getStub().putStringState(key, value);
        }

        @Transaction
        public void Delete(Context ctx, String key) {
          ctx.getStub().delState(key);
        }

        @Transaction
        public String Get(Context ctx, String key) {
          return utf8(ctx.getStub().getState(key));
        }

        /** Reads, writes, reads again: Fabric returns the committed value both times. */
        @Transaction
        public String ReadWriteRead(Context ctx, String key, String value) {
          ChaincodeStub stub = ctx.getStub();
          String before = utf8(stub.getState(key));
          stub.putStringState(key, value);
          String after = utf8(stub.getState(key));
          return before + "|" + after;
        }

        /** Consumes at most {@code limit} keys of [start, end). */
        @Transaction
        public String Range(Context ctx, String start, String end, int limit) throws Exception {
          List<String> keys = new ArrayList<>();
          try (QueryResultsIterator<KeyValue> it = ctx.getStub().getStateByRange(start, end)) {
            for (KeyValue kv : it) {
              if (keys.size() == limit) {
                break;
              }
              keys.add(kv.getKey());
            }
          }
          return String.join(",", keys);
        }

        @Transaction
        public String PutComposite(Context ctx, String type, String a, String b) {
          ChaincodeStub stub = ctx.getStub();
          CompositeKey key = stub.createCompositeKey(type, a, b);
          stub.putStringState(key.toString(), a + "/" + b);
          CompositeKey split = stub.splitCompositeKey(key.toString());
          return split.getObjectType() + ":" + String.join(",", split.getAttributes());
        }

        @Transaction
        public String Partial(Context ctx, String type, String a) throws Exception {
          List<String> values = new ArrayList<>();
          try (QueryResultsIterator<KeyValue> it =
              ctx.getStub().getStateByPartialCompositeKey(type, a)) {
            for (KeyValue kv : it) {
              values.add(kv.getStringValue());
            }
          }
          return String.join(",", values);
        }

        @Transaction
        public String Page(Context ctx, String start, String end, int size, String bookmark,
            boolean writeAfter) throws Exception {
          List<String> keys = new ArrayList<>();
          String next;
          try (QueryResultsIteratorWithMetadata<KeyValue> it =
              ctx.getStub().getStateByRangeWithPagination(start, end, size, bookmark)) {
            for (KeyValue kv : it) {
              keys.add(kv.getKey());
            }
            next = it.getMetadata().getBookmark() + "#" + it.getMetadata().getFetchedRecordsCount();
          }
          if (writeAfter) {
            ctx.getStub().putStringState("after-page", "x");
          }
          return String.join(",", keys) + "|" + next;
        }

        @Transaction
        public String History(Context ctx, String key) throws Exception {
          List<String> entries = new ArrayList<>();
          try (QueryResultsIterator<KeyModification> it = ctx.getStub().getHistoryForKey(key)) {
            for (KeyModification m : it) {
              entries.add(m.getTxId() + ":" + (m.isDeleted() ? "deleted" : m.getStringValue()));
            }
          }
          return String.join(",", entries);
        }

        @Transaction
        public void RichQuery(Context ctx) {
          ctx.getStub().getQueryResult("{\\"selector\\":{}}");
        }

        @Transaction
        public void TwoEvents(Context ctx) {
          ctx.getStub().setEvent("first", "1".getBytes(StandardCharsets.UTF_8));
          ctx.getStub().setEvent("second", "2".getBytes(StandardCharsets.UTF_8));
        }

        @Transaction
        public String TxInfo(Context ctx) {
          ChaincodeStub stub = ctx.getStub();
          return String.join("|", stub.getTxId(), stub.getChannelId(),
              stub.getTxTimestamp().toString(), stub.getMspId(),
              ctx.getClientIdentity().getMSPID(), HexFormat.of().formatHex(stub.getBinding()),
              stub.getSignedProposal().getProposalBytes().isEmpty() ? "no-proposal" : "proposal",
              utf8(stub.getTransient().get("secret")), stub.getFunction(),
              String.join(",", stub.getParameters()));
        }

        /** Writes the transient "value" privately. */
        @Transaction
        public void PutPrivate(Context ctx, String collection, String key) {
          byte[] value = ctx.getStub().getTransient().get("value");
          if (value == null) {
            throw new ChaincodeException("transient field 'value' is required");
          }
          ctx.getStub().putPrivateData(collection, key, value);
        }

        @Transaction
        public String GetPrivate(Context ctx, String collection, String key) {
          return utf8(ctx.getStub().getPrivateData(collection, key));
        }

        @Transaction
        public String GetPrivateHash(Context ctx, String collection, String key) {
          byte[] hash = ctx.getStub().getPrivateDataHash(collection, key);
          return hash == null ? "<null>" : HexFormat.of().formatHex(hash);
        }

        /** Lists a private range, then optionally writes (which Fabric forbids). */
        @Transaction
        public String PrivateRange(Context ctx, String collection, boolean writeAfter)
            throws Exception {
          List<String> keys = new ArrayList<>();
          try (QueryResultsIterator<KeyValue> it =
              ctx.getStub().getPrivateDataByRange(collection, "", "")) {
            for (KeyValue kv : it) {
              keys.add(kv.getKey() + "=" + kv.getStringValue());
            }
          }
          if (writeAfter) {
            ctx.getStub().putStringState("after-private-range", "x");
          }
          return String.join(",", keys);
        }

        @Transaction
        public void DeletePrivate(Context ctx, String collection, String key) {
          ctx.getStub().delPrivateData(collection, key);
        }

        @Transaction
        public void PurgePrivate(Context ctx, String collection, String key) {
          ctx.getStub().purgePrivateData(collection, key);
        }

        @Transaction
        public void Fail(Context ctx, String message) {
          throw new ChaincodeException(message);
        }

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
        public void Crash(Context ctx) {
          throw new IllegalStateException("internal detail");
        }
      }
      """;

  private ProbeContractSource() {}
}

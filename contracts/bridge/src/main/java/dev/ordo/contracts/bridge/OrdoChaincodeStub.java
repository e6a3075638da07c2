package dev.ordo.contracts.bridge;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.ordo.contracts.api.Invocation;
import dev.ordo.contracts.api.LedgerAccess;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * Ordo's {@link ChaincodeStub}: one per call, over the host's simulation of that call.
 *
 * <p>Argument checks and key conventions follow the Java shim's own stub (empty start key
 * becomes U+0001 so simple ranges never return composite keys; partial composite keys range up
 * to U+10FFFF). What the shim would send to a peer goes to {@link LedgerAccess} instead; a host
 * refusal becomes a {@link ChaincodeException}, so the contract's 500 response carries its
 * reason rather than the shim's "Unexpected error".
 */
final class OrdoChaincodeStub implements ChaincodeStub {

  private static final String UNSPECIFIED_START_KEY = new String(Character.toChars(0x01));
  private static final String MAX_UNICODE_RUNE = new String(Character.toChars(0x10FFFF));

  private final String contractName;
  private final Invocation invocation;
  private final LedgerAccess ledger;
  private List<String> stringArgs;
  private SignedProposal signedProposal;
  private ChaincodeEvent event;

  OrdoChaincodeStub(String contractName, Invocation invocation, LedgerAccess ledger) {
    this.contractName = contractName;
    this.invocation = invocation;
    this.ledger = ledger;
  }

  // ---- the call ----

  @Override
  public List<byte[]> getArgs() {
    return invocation.args();
  }

  @Override
  public List<String> getStringArgs() {
    if (stringArgs == null) {
      stringArgs = invocation.args().stream()
          .map(a -> new String(a, StandardCharsets.UTF_8))
          .toList();
    }
    return stringArgs;
  }

  @Override
  public String getFunction() {
    List<String> args = getStringArgs();
    return args.isEmpty() ? null : args.get(0);
  }

  @Override
  public List<String> getParameters() {
    List<String> args = getStringArgs();
    return args.isEmpty() ? List.of() : args.subList(1, args.size());
  }

  @Override
  public String getTxId() {
    return invocation.txId();
  }

  @Override
  public String getChannelId() {
    return invocation.channelId();
  }

  @Override
  public SignedProposal getSignedProposal() {
    if (signedProposal == null) {
      try {
        signedProposal = SignedProposal.parseFrom(invocation.signedProposal());
      } catch (InvalidProtocolBufferException e) {
        throw new ChaincodeException("the signed proposal of transaction " + invocation.txId()
            + " cannot be parsed: " + e.getMessage());
      }
    }
    return signedProposal;
  }

  @Override
  public Instant getTxTimestamp() {
    return invocation.timestamp();
  }

  @Override
  public byte[] getCreator() {
    return invocation.creator();
  }

  @Override
  public Map<String, byte[]> getTransient() {
    return invocation.transientData();
  }

  @Override
  public byte[] getBinding() {
    return invocation.binding();
  }

  @Override
  public String getMspId() {
    return invocation.localMspId();
  }

  @Override
  public Chaincode.Response invokeChaincode(String chaincodeName, List<byte[]> args, String channel) {
    throw new ChaincodeException("calling another contract (" + chaincodeName
        + ") from a contract is not supported by Ordo");
  }

  // ---- public state ----

  @Override
  public byte[] getState(String key) {
    validateKey(key);
    return host(() -> ledger.getState(key));
  }

  @Override
  public void putState(String key, byte[] value) {
    validateKey(key);
    if (value == null) {
      throw new IllegalArgumentException("value cannot be null (key " + key + ")");
    }
    host(() -> ledger.putState(key, value));
  }

  @Override
  public void delState(String key) {
    validateKey(key);
    host(() -> ledger.deleteState(key));
  }

  @Override
  public byte[] getStateValidationParameter(String key) {
    throw keyLevelEndorsementUnsupported();
  }

  @Override
  public void setStateValidationParameter(String key, byte[] value) {
    throw keyLevelEndorsementUnsupported();
  }

  @Override
  public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
    String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
    String end = endKey == null ? "" : endKey;
    CompositeKey.validateSimpleKeys(start, end);
    return new CursorResults(host(() -> ledger.rangeScan(start, end)));
  }

  @Override
  public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
      String startKey, String endKey, int pageSize, String bookmark) {
    String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
    String end = endKey == null ? "" : endKey;
    CompositeKey.validateSimpleKeys(start, end);
    return page(start, end, pageSize, bookmark);
  }

  @Override
  public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
    return getStateByPartialCompositeKey(parsePartialKey(compositeKey));
  }

  @Override
  public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(
      String objectType, String... attributes) {
    return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
  }

  @Override
  public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey) {
    String prefix = partialKeyPrefix(compositeKey);
    return new CursorResults(host(() -> ledger.rangeScan(prefix, prefix + MAX_UNICODE_RUNE)));
  }

  @Override
  public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
      CompositeKey compositeKey, int pageSize, String bookmark) {
    String prefix = partialKeyPrefix(compositeKey);
    return page(prefix, prefix + MAX_UNICODE_RUNE, pageSize, bookmark);
  }

  @Override
  public CompositeKey createCompositeKey(String objectType, String... attributes) {
    return new CompositeKey(objectType, attributes);
  }

  @Override
  public CompositeKey splitCompositeKey(String compositeKey) {
    return CompositeKey.parseCompositeKey(compositeKey);
  }

  @Override
  public QueryResultsIterator<KeyValue> getQueryResult(String query) {
    throw richQueriesUnsupported();
  }

  @Override
  public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(
      String query, int pageSize, String bookmark) {
    throw richQueriesUnsupported();
  }

  @Override
  public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
    validateKey(key);
    return new HistoryResults(host(() -> ledger.history(key)));
  }

  // ---- private data ----

  @Override
  public byte[] getPrivateData(String collection, String key) {
    validateCollection(collection);
    validateKey(key);
    return host(() -> ledger.getPrivateData(collection, key));
  }

  @Override
  public byte[] getPrivateDataHash(String collection, String key) {
    validateCollection(collection);
    validateKey(key);
    return host(() -> ledger.getPrivateDataHash(collection, key));
  }

  @Override
  public byte[] getPrivateDataValidationParameter(String collection, String key) {
    throw keyLevelEndorsementUnsupported();
  }

  @Override
  public void putPrivateData(String collection, String key, byte[] value) {
    validateCollection(collection);
    validateKey(key);
    if (value == null) {
      throw new IllegalArgumentException("value cannot be null (collection " + collection
          + ", key " + key + ")");
    }
    host(() -> ledger.putPrivateData(collection, key, value));
  }

  @Override
  public void setPrivateDataValidationParameter(String collection, String key, byte[] value) {
    throw keyLevelEndorsementUnsupported();
  }

  @Override
  public void delPrivateData(String collection, String key) {
    validateCollection(collection);
    validateKey(key);
    host(() -> ledger.deletePrivateData(collection, key));
  }

  @Override
  public void purgePrivateData(String collection, String key) {
    validateCollection(collection);
    validateKey(key);
    host(() -> ledger.purgePrivateData(collection, key));
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataByRange(
      String collection, String startKey, String endKey) {
    validateCollection(collection);
    String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
    String end = endKey == null ? "" : endKey;
    CompositeKey.validateSimpleKeys(start, end);
    return new CursorResults(host(() -> ledger.privateRangeScan(collection, start, end)));
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
      String collection, String compositeKey) {
    return getPrivateDataByPartialCompositeKey(collection, parsePartialKey(compositeKey));
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
      String collection, CompositeKey compositeKey) {
    validateCollection(collection);
    String prefix = partialKeyPrefix(compositeKey);
    return new CursorResults(
        host(() -> ledger.privateRangeScan(collection, prefix, prefix + MAX_UNICODE_RUNE)));
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
      String collection, String objectType, String... attributes) {
    return getPrivateDataByPartialCompositeKey(collection, new CompositeKey(objectType, attributes));
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
    throw richQueriesUnsupported();
  }

  // ---- events ----

  @Override
  public void setEvent(String name, byte[] payload) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("event name can not be nil string");
    }
    byte[] data = payload == null ? new byte[0] : payload;
    host(() -> ledger.setEvent(name, data));
    event = ChaincodeEvent.newBuilder()
        .setChaincodeId(contractName)
        .setTxId(invocation.txId())
        .setEventName(name)
        .setPayload(ByteString.copyFrom(data))
        .build();
  }

  @Override
  public ChaincodeEvent getEvent() {
    return event;
  }

  // ---- helpers ----

  private QueryResultsIteratorWithMetadata<KeyValue> page(
      String start, String end, int pageSize, String bookmark) {
    if (pageSize <= 0) {
      throw new IllegalArgumentException("page size must be positive, was " + pageSize);
    }
    String mark = bookmark == null ? "" : bookmark;
    return new PageResults(host(() -> ledger.rangePage(start, end, pageSize, mark)));
  }

  private static CompositeKey parsePartialKey(String compositeKey) {
    if (compositeKey == null) {
      return null;
    }
    return compositeKey.startsWith(CompositeKey.NAMESPACE)
        ? CompositeKey.parseCompositeKey(compositeKey)
        : new CompositeKey(compositeKey);
  }

  private static String partialKeyPrefix(CompositeKey compositeKey) {
    return compositeKey == null
        ? new CompositeKey(UNSPECIFIED_START_KEY).toString()
        : compositeKey.toString();
  }

  private static void validateKey(String key) {
    if (key == null) {
      throw new NullPointerException("key cannot be null");
    }
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key cannot not be an empty string");
    }
  }

  private static void validateCollection(String collection) {
    if (collection == null) {
      throw new NullPointerException("collection cannot be null");
    }
    if (collection.isEmpty()) {
      throw new IllegalArgumentException("collection must not be an empty string");
    }
  }

  private static <T> T host(Supplier<T> call) {
    try {
      return call.get();
    } catch (ChaincodeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ChaincodeException(e.getMessage());
    }
  }

  private static void host(Runnable call) {
    host(() -> {
      call.run();
      return null;
    });
  }

  private static ChaincodeException richQueriesUnsupported() {
    return new ChaincodeException("rich queries (getQueryResult) are not supported: Ordo's state "
        + "database is not CouchDB; query by key range or partial composite key");
  }

  private static ChaincodeException keyLevelEndorsementUnsupported() {
    return new ChaincodeException(
        "key-level endorsement policies (state validation parameters) are not supported by Ordo");
  }
}

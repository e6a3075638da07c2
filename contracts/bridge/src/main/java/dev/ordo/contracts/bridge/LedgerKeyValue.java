package dev.ordo.contracts.bridge;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.shim.ledger.KeyValue;

/** A key and its committed value, as the shim's range iterators hand them to contracts. */
record LedgerKeyValue(String key, byte[] value) implements KeyValue {

  @Override
  public String getKey() {
    return key;
  }

  @Override
  public byte[] getValue() {
    return value;
  }

  @Override
  public String getStringValue() {
    return new String(value, StandardCharsets.UTF_8);
  }
}

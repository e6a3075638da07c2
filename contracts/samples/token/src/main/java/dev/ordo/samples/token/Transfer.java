package dev.ordo.samples.token;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONObject;

/** A movement of tokens (a mint has an empty {@code from}); returned and sent as the event. */
@DataType
public final class Transfer {

  @Property private final String from;
  @Property private final String to;
  @Property private final long amount;

  /** Records {@code amount} tokens moving from {@code from} to {@code to}. */
  public Transfer(String from, String to, long amount) {
    this.from = from;
    this.to = to;
    this.amount = amount;
  }

  /** The transfer as JSON with a fixed key order. */
  public byte[] toJson() {
    return ("{\"from\":" + JSONObject.quote(from) + ",\"to\":" + JSONObject.quote(to)
        + ",\"amount\":" + amount + "}").getBytes(StandardCharsets.UTF_8);
  }

  public String getFrom() {
    return from;
  }

  public String getTo() {
    return to;
  }

  public long getAmount() {
    return amount;
  }
}

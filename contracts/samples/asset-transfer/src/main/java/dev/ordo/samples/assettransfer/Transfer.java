package dev.ordo.samples.assettransfer;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONObject;

/** What a transfer changed: returned to the client and sent as the transfer's event. */
@DataType
public final class Transfer {

  @Property private final String assetId;
  @Property private final String previousOwner;
  @Property private final String previousOwnerOrg;
  @Property private final String newOwner;
  @Property private final String newOwnerOrg;

  /** Records a transfer of {@code assetId}. */
  public Transfer(String assetId, String previousOwner, String previousOwnerOrg, String newOwner,
      String newOwnerOrg) {
    this.assetId = assetId;
    this.previousOwner = previousOwner;
    this.previousOwnerOrg = previousOwnerOrg;
    this.newOwner = newOwner;
    this.newOwnerOrg = newOwnerOrg;
  }

  /** The transfer as JSON with a fixed key order. */
  public byte[] toJson() {
    String json = "{\"assetId\":" + JSONObject.quote(assetId)
        + ",\"previousOwner\":" + JSONObject.quote(previousOwner)
        + ",\"previousOwnerOrg\":" + JSONObject.quote(previousOwnerOrg)
        + ",\"newOwner\":" + JSONObject.quote(newOwner)
        + ",\"newOwnerOrg\":" + JSONObject.quote(newOwnerOrg) + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  public String getAssetId() {
    return assetId;
  }

  public String getPreviousOwner() {
    return previousOwner;
  }

  public String getPreviousOwnerOrg() {
    return previousOwnerOrg;
  }

  public String getNewOwner() {
    return newOwner;
  }

  public String getNewOwnerOrg() {
    return newOwnerOrg;
  }
}

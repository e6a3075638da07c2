package dev.ordo.samples.assettransfer;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONException;
import org.json.JSONObject;

/** An asset on the ledger, stored as JSON under its id. */
@DataType
public final class Asset {

  @Property private final String assetId;
  @Property private final String color;
  @Property private final int size;
  @Property private final String owner;
  @Property private final String ownerOrg;
  @Property private final int appraisedValue;

  /** Creates an asset; the caller has checked the fields. */
  public Asset(String assetId, String color, int size, String owner, String ownerOrg,
      int appraisedValue) {
    this.assetId = assetId;
    this.color = color;
    this.size = size;
    this.owner = owner;
    this.ownerOrg = ownerOrg;
    this.appraisedValue = appraisedValue;
  }

  /** Reads an asset from its stored JSON; fails with a JSONException if malformed. */
  public static Asset fromJson(byte[] json) throws JSONException {
    JSONObject o = new JSONObject(new String(json, StandardCharsets.UTF_8));
    return new Asset(o.getString("assetId"), o.getString("color"), o.getInt("size"),
        o.getString("owner"), o.getString("ownerOrg"), o.getInt("appraisedValue"));
  }

  /** The asset as stored: JSON with its fields in a fixed order, identical on every endorser. */
  public byte[] toJson() {
    // Built by hand so that key order, hence the bytes every endorser writes, never varies.
    String json = "{\"assetId\":" + JSONObject.quote(assetId)
        + ",\"color\":" + JSONObject.quote(color)
        + ",\"size\":" + size
        + ",\"owner\":" + JSONObject.quote(owner)
        + ",\"ownerOrg\":" + JSONObject.quote(ownerOrg)
        + ",\"appraisedValue\":" + appraisedValue + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** This asset with another owner. */
  public Asset withOwner(String newOwner, String newOwnerOrg) {
    return new Asset(assetId, color, size, newOwner, newOwnerOrg, appraisedValue);
  }

  public String getAssetId() {
    return assetId;
  }

  public String getColor() {
    return color;
  }

  public int getSize() {
    return size;
  }

  public String getOwner() {
    return owner;
  }

  public String getOwnerOrg() {
    return ownerOrg;
  }

  public int getAppraisedValue() {
    return appraisedValue;
  }
}

package dev.ordo.samples.assettransfer;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * Assets keyed by id, plus an {@code org~asset} composite-key index of the organisation that
 * owns each asset. The creating client's organisation owns a new asset; only clients of the
 * owning organisation may update, delete or transfer it. Every change sets one chaincode event.
 */
@Contract(name = "asset-transfer",
    info = @Info(title = "Asset transfer", description = "Assets with owners and transfers",
        version = "1.0.0", license = @License(name = "Apache-2.0"),
        contact = @Contact(name = "Ordo")))
@Default
public final class AssetTransferContract implements ContractInterface {

  /** Object type of the composite keys indexing assets by owning organisation. */
  public static final String ORG_INDEX = "org~asset";

  private static final byte[] INDEX_VALUE = {0};

  /** Creates six assets owned by the caller's organisation. */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public void InitLedger(final Context ctx) {
    String org = ctx.getClientIdentity().getMSPID();
    String[][] seed = {
        {"asset1", "blue", "5", "Tomoko", "300"},
        {"asset2", "red", "5", "Brad", "400"},
        {"asset3", "green", "10", "Jin Soo", "500"},
        {"asset4", "yellow", "10", "Max", "600"},
        {"asset5", "black", "15", "Adriana", "700"},
        {"asset6", "white", "15", "Michel", "800"},
    };
    for (String[] s : seed) {
      if (AssetExists(ctx, s[0])) {
        throw new ChaincodeException("the ledger is already initialised: asset " + s[0]
            + " exists", "ASSET_ALREADY_EXISTS");
      }
      store(ctx.getStub(), new Asset(s[0], s[1], Integer.parseInt(s[2]), s[3], org,
          Integer.parseInt(s[4])));
    }
    ctx.getStub().setEvent("LedgerInitialized",
        ("{\"assets\":" + seed.length + ",\"ownerOrg\":" + JSONObject.quote(org) + "}")
            .getBytes(StandardCharsets.UTF_8));
  }

  /** Creates an asset owned by {@code owner} of the caller's organisation. */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String CreateAsset(final Context ctx, final String assetId, final String color,
      final int size, final String owner, final int appraisedValue) {
    requireId(assetId);
    if (AssetExists(ctx, assetId)) {
      throw new ChaincodeException("asset " + assetId + " already exists", "ASSET_ALREADY_EXISTS");
    }
    Asset asset = new Asset(assetId, color, size, owner, ctx.getClientIdentity().getMSPID(),
        appraisedValue);
    store(ctx.getStub(), asset);
    ctx.getStub().setEvent("AssetCreated", asset.toJson());
    return new String(asset.toJson(), StandardCharsets.UTF_8);
  }

  /** The asset's JSON. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String ReadAsset(final Context ctx, final String assetId) {
    return new String(load(ctx.getStub(), assetId).toJson(), StandardCharsets.UTF_8);
  }

  /** Replaces the asset's colour, size and value; owner's organisation only. */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String UpdateAsset(final Context ctx, final String assetId, final String color,
      final int size, final int appraisedValue) {
    Asset current = load(ctx.getStub(), assetId);
    requireOwnerOrg(ctx, current, "update");
    Asset updated = new Asset(assetId, color, size, current.getOwner(), current.getOwnerOrg(),
        appraisedValue);
    ctx.getStub().putState(assetId, updated.toJson());
    ctx.getStub().setEvent("AssetUpdated", updated.toJson());
    return new String(updated.toJson(), StandardCharsets.UTF_8);
  }

  /** Deletes the asset and its index entry; owner's organisation only. */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public void DeleteAsset(final Context ctx, final String assetId) {
    Asset current = load(ctx.getStub(), assetId);
    requireOwnerOrg(ctx, current, "delete");
    ChaincodeStub stub = ctx.getStub();
    stub.delState(assetId);
    stub.delState(orgIndexKey(stub, current).toString());
    stub.setEvent("AssetDeleted", current.toJson());
  }

  /** Whether an asset with this id exists. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public boolean AssetExists(final Context ctx, final String assetId) {
    byte[] json = ctx.getStub().getState(assetId);
    return json != null && json.length > 0;
  }

  /**
   * Gives the asset to {@code newOwner} of organisation {@code newOwnerOrg}. Only a client of
   * the organisation that owns the asset now may do so.
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public Transfer TransferAsset(final Context ctx, final String assetId, final String newOwner,
      final String newOwnerOrg) {
    if (newOwner == null || newOwner.isEmpty() || newOwnerOrg == null || newOwnerOrg.isEmpty()) {
      throw new ChaincodeException("the new owner and the new owner's organisation are required",
          "INVALID_ARGUMENT");
    }
    ChaincodeStub stub = ctx.getStub();
    Asset current = load(stub, assetId);
    requireOwnerOrg(ctx, current, "transfer");
    Asset moved = current.withOwner(newOwner, newOwnerOrg);
    stub.delState(orgIndexKey(stub, current).toString());
    store(stub, moved);
    Transfer transfer = new Transfer(assetId, current.getOwner(), current.getOwnerOrg(),
        newOwner, newOwnerOrg);
    stub.setEvent("AssetTransferred", transfer.toJson());
    return transfer;
  }

  /** Every asset, in key order, as a JSON array. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String GetAllAssets(final Context ctx) {
    JSONArray all = new JSONArray();
    try (QueryResultsIterator<KeyValue> results = ctx.getStub().getStateByRange("", "")) {
      for (KeyValue kv : results) {
        all.put(new JSONObject(kv.getStringValue()));
      }
    } catch (Exception e) {
      throw failure("listing assets failed", e);
    }
    return all.toString();
  }

  /** The ids of the assets owned by organisation {@code ownerOrg}, through the index. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String GetAssetsByOwnerOrg(final Context ctx, final String ownerOrg) {
    ChaincodeStub stub = ctx.getStub();
    JSONArray ids = new JSONArray();
    try (QueryResultsIterator<KeyValue> results =
        stub.getStateByPartialCompositeKey(ORG_INDEX, ownerOrg)) {
      for (KeyValue kv : results) {
        ids.put(stub.splitCompositeKey(kv.getKey()).getAttributes().get(1));
      }
    } catch (Exception e) {
      throw failure("listing the assets of " + ownerOrg + " failed", e);
    }
    return ids.toString();
  }

  /** Every committed change of the asset, newest first, as a JSON array. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String GetAssetHistory(final Context ctx, final String assetId) {
    requireId(assetId);
    JSONArray history = new JSONArray();
    try (QueryResultsIterator<KeyModification> results =
        ctx.getStub().getHistoryForKey(assetId)) {
      for (KeyModification m : results) {
        JSONObject entry = new JSONObject();
        entry.put("txId", m.getTxId());
        entry.put("timestamp", m.getTimestamp().toString());
        entry.put("isDelete", m.isDeleted());
        entry.put("value", m.isDeleted() ? JSONObject.NULL : new JSONObject(m.getStringValue()));
        history.put(entry);
      }
    } catch (Exception e) {
      throw failure("reading the history of " + assetId + " failed", e);
    }
    return history.toString();
  }

  private static void store(ChaincodeStub stub, Asset asset) {
    stub.putState(asset.getAssetId(), asset.toJson());
    stub.putState(orgIndexKey(stub, asset).toString(), INDEX_VALUE);
  }

  private static Asset load(ChaincodeStub stub, String assetId) {
    requireId(assetId);
    byte[] json = stub.getState(assetId);
    if (json == null || json.length == 0) {
      throw new ChaincodeException("asset " + assetId + " does not exist", "ASSET_NOT_FOUND");
    }
    try {
      return Asset.fromJson(json);
    } catch (JSONException e) {
      throw new ChaincodeException("asset " + assetId + " is stored malformed: " + e.getMessage());
    }
  }

  private static CompositeKey orgIndexKey(ChaincodeStub stub, Asset asset) {
    return stub.createCompositeKey(ORG_INDEX, asset.getOwnerOrg(), asset.getAssetId());
  }

  private static void requireOwnerOrg(Context ctx, Asset asset, String action) {
    String clientOrg = ctx.getClientIdentity().getMSPID();
    if (!asset.getOwnerOrg().equals(clientOrg)) {
      throw new ChaincodeException("asset " + asset.getAssetId() + " is owned by "
          + asset.getOwnerOrg() + "; a client of " + clientOrg + " may not " + action + " it",
          "NOT_OWNER_ORG");
    }
  }

  private static void requireId(String assetId) {
    if (assetId == null || assetId.isEmpty()) {
      throw new ChaincodeException("an asset id is required", "INVALID_ARGUMENT");
    }
  }

  private static ChaincodeException failure(String what, Exception e) {
    if (e instanceof ChaincodeException ce) {
      return ce;
    }
    return new ChaincodeException(what + ": " + e.getMessage());
  }
}

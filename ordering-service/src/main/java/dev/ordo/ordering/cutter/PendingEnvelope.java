package dev.ordo.ordering.cutter;

import com.google.protobuf.ByteString;
import dev.ordo.proto.v1.ConfigUpdate;
import java.util.concurrent.CompletableFuture;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;

/**
 * An envelope that passed Broadcast's checks and waits to be ordered; {@link #ack()} completes
 * with SUCCESS once the block holding it is committed, or with the reason it was not ordered.
 *
 * @param envelope the marshalled envelope (for a config update: the CONFIG_UPDATE envelope)
 * @param configUpdate the parsed update when this is a CONFIG_UPDATE envelope, else null
 */
public record PendingEnvelope(ByteString envelope, ConfigUpdate configUpdate, CompletableFuture<BroadcastResponse> ack) {
  private static final BroadcastResponse SUCCESS = BroadcastResponse.newBuilder().setStatus(Status.SUCCESS).build();

  public static PendingEnvelope of(ByteString envelope, ConfigUpdate configUpdate) {
    return new PendingEnvelope(envelope, configUpdate, new CompletableFuture<>());
  }

  public boolean isConfigUpdate() {
    return configUpdate != null;
  }

  public int size() {
    return envelope.size();
  }

  public void succeed() {
    ack.complete(SUCCESS);
  }

  public void fail(Status status, String info) {
    ack.complete(BroadcastResponse.newBuilder().setStatus(status).setInfo(info).build());
  }
}

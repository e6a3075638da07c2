package dev.ordo.ledgernode.deliver;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.peer.BlockAndPrivateData;
import org.hyperledger.fabric.protos.peer.DeliverResponse;

/** How each of the peer's Deliver methods answers with a block. */
enum BlockFormat {
    FULL, FILTERED, WITH_PRIVATE_DATA;

    DeliverResponse response(Block block, String channelId) {
        return switch (this) {
            case FULL -> DeliverResponse.newBuilder().setBlock(block).build();
            case FILTERED -> DeliverResponse.newBuilder().setFilteredBlock(BlockEvents.filtered(block, channelId)).build();
            // Private data is not kept by this peer yet: the block comes without it.
            case WITH_PRIVATE_DATA -> DeliverResponse.newBuilder()
                    .setBlockAndPrivateData(BlockAndPrivateData.newBuilder().setBlock(block)).build();
        };
    }

    static DeliverResponse status(Status status) {
        return DeliverResponse.newBuilder().setStatus(status).build();
    }
}

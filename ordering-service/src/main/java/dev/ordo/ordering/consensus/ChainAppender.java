package dev.ordo.ordering.consensus;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.ordo.ordering.channel.ChannelState;
import dev.ordo.ordering.channel.OrderingChannel;
import dev.ordo.proto.v1.BlockProposal;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.wire.BlockSignatures;
import dev.ordo.proto.wire.Blocks;
import dev.ordo.proto.wire.ConfigBlocks;
import dev.ordo.proto.wire.MessageSigner;
import dev.ordo.proto.wire.WireFormatException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.ratis.server.protocol.TermIndex;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Metadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns applied proposals into the next block of a channel's chain. Everything that decides
 * the block's header and data comes from the proposal and the chain state (deterministic on
 * every orderer); only the signature in the SIGNATURES slot is this orderer's own. The
 * OrdererBlockMetadata's consenter metadata records the Raft term and index of the entry that
 * produced the block, which a catching-up orderer uses to tell Ratis where its chain stands.
 */
public final class ChainAppender {
  private static final Logger log = LoggerFactory.getLogger(ChainAppender.class);

  /** Blocks whose tx ids are remembered to drop re-submitted envelopes. */
  public static final int DEDUPLICATION_WINDOW_BLOCKS = 256;

  private final OrderingChannel channel;
  private final MessageSigner signer;
  private final RecentTxIds recent = new RecentTxIds(DEDUPLICATION_WINDOW_BLOCKS);

  private final ConfigChangeListener configListener;

  public ChainAppender(OrderingChannel channel, MessageSigner signer, ConfigChangeListener configListener) {
    this.channel = channel;
    this.signer = signer;
    this.configListener = configListener;
  }

  /** Rebuilds the deduplication window from the stored chain (after a restore). */
  public void reloadRecentTxIds() {
    recent.clear();
    long height = channel.store().height();
    for (long n = Math.max(1, height - recent.windowBlocks()); n < height; n++) {
      channel.store().block(n).ifPresent(recent::addStoredBlock);
    }
  }

  /** Applies the proposal committed at {@code termIndex}; ignores one that does not follow the chain. */
  public ApplyResult apply(BlockProposal proposal, TermIndex termIndex) {
    ChannelState state = channel.state();
    if (!proposal.getChannelId().equals(channel.id())) {
      return ApplyResult.ignored("proposal for channel '" + proposal.getChannelId() + "' in the log of channel '"
          + channel.id() + "'");
    }
    if (proposal.getNumber() != state.height()) {
      return ApplyResult.ignored("stale proposal for block " + proposal.getNumber() + ", channel '" + channel.id()
          + "' is at height " + state.height());
    }
    if (proposal.getEnvelopesCount() == 0) {
      return ApplyResult.ignored("empty proposal for block " + proposal.getNumber());
    }
    RecentTxIds.BlockTxIds txIds = recent.newBlock(proposal.getEnvelopesCount());
    try {
      return apply(proposal, termIndex, state, txIds);
    } finally {
      recent.abandon(txIds); // unless committed: the block was not appended
    }
  }

  private ApplyResult apply(BlockProposal proposal, TermIndex termIndex, ChannelState state,
      RecentTxIds.BlockTxIds txIds) {
    long number = proposal.getNumber();
    List<ByteString> envelopes = new ArrayList<>(proposal.getEnvelopesCount());
    for (ByteString envelope : proposal.getEnvelopesList()) {
      if (txIds.add(envelope)) {
        envelopes.add(envelope);
      } // else ordered before: a client's retry
    }
    if (envelopes.isEmpty()) {
      return ApplyResult.alreadyOrdered();
    }
    Block block = Blocks.newBlock(number, state.lastHeaderHash(), envelopes);
    ByteString headerHash = Blocks.headerHash(block.getHeader());
    ChannelState next;
    if (proposal.getIsConfig()) {
      next = configState(proposal, block, state, headerHash);
      if (next == null) {
        return ApplyResult.ignored("config proposal for block " + number + " does not apply to config sequence "
            + state.config().getSequence());
      }
    } else {
      next = state.next(headerHash);
    }
    Block signed = BlockSignatures.sign(block, signer, next.lastConfigNumber(), consenterMetadata(termIndex));
    channel.store().append(signed);
    channel.advance(next);
    recent.commit(txIds);
    if (log.isDebugEnabled()) {
      log.debug("channel {}: block {} applied, {} envelopes, Raft entry {}", channel.id(), number,
          proposal.getEnvelopesCount(), termIndex);
    }
    if (proposal.getIsConfig()) {
      log.info("channel {}: config block {} applied, config sequence {}", channel.id(), number,
          next.config().getSequence());
      configListener.configApplied(channel, state.config(), next.config());
    }
    return ApplyResult.applied(number);
  }

  private ChannelState configState(BlockProposal proposal, Block block, ChannelState state, ByteString headerHash) {
    if (proposal.getEnvelopesCount() != 1) {
      return null;
    }
    try {
      ChannelConfig config = ConfigBlocks.configOf(block);
      if (!config.getChannelId().equals(channel.id()) || config.getSequence() != state.config().getSequence() + 1) {
        return null;
      }
      return ChannelState.of(block.getHeader().getNumber() + 1, headerHash, block.getHeader().getNumber(), config);
    } catch (WireFormatException | RuntimeException e) {
      log.warn("channel {}: config proposal for block {} ignored: {}", channel.id(), block.getHeader().getNumber(),
          e.getMessage());
      return null;
    }
  }

  /**
   * Appends a block fetched from another orderer while catching up, after checking that it
   * extends this chain; re-signs it with this orderer's identity.
   *
   * @return the Raft term and index of the entry that produced it
   */
  public TermIndex appendFetched(Block block) throws WireFormatException {
    ChannelState state = channel.state();
    long number = block.getHeader().getNumber();
    if (number != state.height()) {
      throw new WireFormatException("fetched block " + number + " does not follow height " + state.height());
    }
    if (!block.getHeader().getPreviousHash().equals(state.lastHeaderHash())) {
      throw new WireFormatException("fetched block " + number + " does not chain to block " + (number - 1));
    }
    if (!Blocks.dataHashMatches(block)) {
      throw new WireFormatException("fetched block " + number + " has a data hash that does not match its data");
    }
    var ordererMetadata = BlockSignatures.ordererMetadata(block);
    long lastConfig = ordererMetadata.getLastConfig().getIndex();
    ByteString headerHash = Blocks.headerHash(block.getHeader());
    ChannelState next;
    if (lastConfig == number) {
      ChannelConfig config = ConfigBlocks.configOf(block);
      if (config.getSequence() != state.config().getSequence() + 1) {
        throw new WireFormatException("fetched config block " + number + " has sequence " + config.getSequence()
            + ", expected " + (state.config().getSequence() + 1));
      }
      next = ChannelState.of(number + 1, headerHash, number, config);
    } else {
      next = state.next(headerHash);
    }
    ByteString consenterMetadata;
    try {
      consenterMetadata = Metadata.parseFrom(ordererMetadata.getConsenterMetadata()).getValue();
    } catch (InvalidProtocolBufferException e) {
      throw new WireFormatException("fetched block " + number + " has malformed consenter metadata");
    }
    Block unsigned = block.toBuilder().clearMetadata().build();
    channel.store().append(BlockSignatures.sign(unsigned, signer, lastConfig, consenterMetadata));
    channel.advance(next);
    recent.addStoredBlock(block);
    return termIndexOf(consenterMetadata);
  }

  static ByteString consenterMetadata(TermIndex termIndex) {
    return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(termIndex.getTerm()).putLong(termIndex.getIndex()).flip());
  }

  static TermIndex termIndexOf(ByteString consenterMetadata) throws WireFormatException {
    if (consenterMetadata.size() != 16) {
      throw new WireFormatException("consenter metadata must be 16 bytes (Raft term, index), was "
          + consenterMetadata.size());
    }
    ByteBuffer buffer = consenterMetadata.asReadOnlyByteBuffer();
    return TermIndex.valueOf(buffer.getLong(), buffer.getLong());
  }
}

package dev.ordo.ledgernode.node;

import dev.ordo.ledgernode.channel.ChannelDirectory;
import dev.ordo.ledgernode.channel.PeerChannel;
import dev.ordo.ledgernode.contract.ContractDeployments;
import dev.ordo.ledgernode.intake.BlockIntake;
import dev.ordo.ledgernode.ledger.ChannelLedger;
import dev.ordo.ledgernode.ledger.LedgerOptions;
import dev.ordo.ledgernode.validate.BlockRejectedException;
import dev.ordo.proto.v1.ChannelConfig;
import dev.ordo.proto.wire.ChannelIds;
import dev.ordo.proto.wire.ConfigBlocks;
import dev.ordo.proto.wire.WireFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channels this node has joined: their ledgers in {@code <data-dir>/ledgers/<channel>},
 * their contracts (deployed from each configuration, redeployed when a config block changes
 * them) and their block intake. A channel is joined from its genesis block; after a restart the
 * ledgers found on disk are reopened and intake resumes from their heights.
 */
public final class Channels implements ChannelDirectory, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Channels.class);

    private record Joined(PeerChannel channel, BlockIntake intake) {
    }

    private final Path ledgersDir;
    private final LedgerOptions options;
    private final Executor validationExecutor;
    private final ContractDeployments contracts;
    private final Function<PeerChannel, BlockIntake> intakeFactory;
    private final NodeMetrics metrics;
    private final ExecutorService redeployer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "contract-redeploy");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Joined> joined = new ConcurrentHashMap<>();

    public Channels(Path ledgersDir, LedgerOptions options, Executor validationExecutor,
            ContractDeployments contracts, Function<PeerChannel, BlockIntake> intakeFactory, NodeMetrics metrics) {
        this.ledgersDir = ledgersDir;
        this.options = options;
        this.validationExecutor = validationExecutor;
        this.contracts = contracts;
        this.intakeFactory = intakeFactory;
        this.metrics = metrics;
    }

    /** Reopens every ledger found on disk; a directory whose join never committed the genesis block is removed. */
    public synchronized void openExisting() throws IOException {
        Files.createDirectories(ledgersDir);
        List<Path> dirs;
        try (Stream<Path> list = Files.list(ledgersDir)) {
            dirs = list.filter(Files::isDirectory).sorted().toList();
        }
        for (Path dir : dirs) {
            String channelId = dir.getFileName().toString();
            ChannelLedger ledger = ChannelLedger.open(dir, channelId, options, validationExecutor);
            if (ledger.height() == 0) {
                ledger.close();
                log.warn("channel {}: ledger without genesis block in {} ignored (join did not finish)", channelId,
                        dir);
                continue;
            }
            publish(ledger);
        }
    }

    /**
     * Joins the channel whose genesis block this is: commits it as block 0 and starts pulling
     * the following blocks from the orderers. Joining a channel already joined with the same
     * genesis block does nothing.
     */
    public synchronized PeerChannel join(Block genesis) throws ChannelJoinException {
        if (genesis.getHeader().getNumber() != 0) {
            throw new ChannelJoinException(ChannelJoinException.Kind.BAD_REQUEST,
                    "join needs the genesis block (number 0), got block " + genesis.getHeader().getNumber());
        }
        ChannelConfig config;
        try {
            config = ConfigBlocks.configOf(genesis);
        } catch (WireFormatException e) {
            throw new ChannelJoinException(ChannelJoinException.Kind.BAD_REQUEST, "not a config block: "
                    + e.getMessage());
        }
        String channelId = config.getChannelId();
        if (!ChannelIds.isValid(channelId)) {
            throw new ChannelJoinException(ChannelJoinException.Kind.BAD_REQUEST, "invalid channel id '" + channelId
                    + "'");
        }
        Joined existing = joined.get(channelId);
        if (existing != null) {
            try {
                Optional<Block> stored = existing.channel().ledger().block(0);
                if (stored.isPresent() && stored.get().getHeader().equals(genesis.getHeader())) {
                    return existing.channel();
                }
            } catch (IOException e) {
                throw new ChannelJoinException(ChannelJoinException.Kind.FAILED, "reading the stored genesis block"
                        + " of " + channelId + " failed: " + e.getMessage(), e);
            }
            throw new ChannelJoinException(ChannelJoinException.Kind.CONFLICT, "channel " + channelId
                    + " is already joined with another genesis block");
        }
        ChannelLedger ledger = null;
        try {
            ledger = ChannelLedger.open(ledgersDir.resolve(channelId), channelId, options, validationExecutor);
            if (ledger.height() == 0) {
                ledger.commit(genesis);
            }
            log.info("channel {}: joined from its genesis block", channelId);
            return publish(ledger);
        } catch (IOException | BlockRejectedException | RuntimeException e) {
            if (ledger != null) {
                try {
                    ledger.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            ChannelJoinException.Kind kind = e instanceof BlockRejectedException
                    ? ChannelJoinException.Kind.BAD_REQUEST : ChannelJoinException.Kind.FAILED;
            throw new ChannelJoinException(kind, "joining channel " + channelId + " failed: " + e.getMessage(), e);
        }
    }

    private PeerChannel publish(ChannelLedger ledger) {
        PeerChannel channel = new PeerChannel(ledger);
        contracts.apply(channel.rules());
        ledger.addListener((channelId, block) -> {
            if (block.isConfigBlock()) {
                redeployer.execute(() -> contracts.apply(block.newRules()));
            }
        });
        metrics.bind(channel);
        BlockIntake intake = intakeFactory.apply(channel);
        joined.put(channel.id(), new Joined(channel, intake));
        intake.start();
        return channel;
    }

    @Override
    public Optional<PeerChannel> channel(String channelId) {
        Joined j = joined.get(channelId);
        return j == null ? Optional.empty() : Optional.of(j.channel());
    }

    @Override
    public Collection<PeerChannel> channels() {
        return joined.values().stream().map(Joined::channel).toList();
    }

    /** Whether every joined channel has an open Deliver stream to an orderer. */
    public boolean intakeConnected(String channelId) {
        Joined j = joined.get(channelId);
        return j != null && j.intake().connected();
    }

    public Optional<String> intakeOrderer(String channelId) {
        Joined j = joined.get(channelId);
        return j == null ? Optional.empty() : Optional.ofNullable(j.intake().orderer());
    }

    @Override
    public synchronized void close() {
        redeployer.shutdownNow();
        List<Joined> all = new ArrayList<>(joined.values());
        joined.clear();
        for (Joined j : all) {
            j.intake().close();
        }
        for (Joined j : all) {
            try {
                j.channel().close();
            } catch (IOException | RuntimeException e) {
                log.warn("channel {}: closing the ledger failed", j.channel().id(), e);
            }
        }
    }
}

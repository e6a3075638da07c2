package dev.ordo.sdk.cli;

import dev.ordo.sdk.GatewayErrors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.EventsBuilder;
import org.hyperledger.fabric.client.FileCheckpointer;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import picocli.CommandLine.Option;

/** Where an event stream starts, how it resumes and when it stops. */
final class EventStreamOptions {
    @Option(names = "--start", paramLabel = "BLOCK",
            description = "Block number to start at (default: the next block to be committed). "
                    + "A checkpoint file that already holds a position takes precedence.")
    Long startBlock;

    @Option(names = "--checkpoint-file", paramLabel = "FILE",
            description = "Resume from, and record progress in, this file (the client's FileCheckpointer): "
                    + "run the command again with the same file to continue where it stopped.")
    Path checkpointFile;

    @Option(names = "--count", paramLabel = "N",
            description = "Stop after N events (default: follow until interrupted).")
    Long count;

    void validate(picocli.CommandLine commandLine) {
        if (startBlock != null && startBlock < 0) {
            throw new picocli.CommandLine.ParameterException(commandLine, "--start must be 0 or more, was " + startBlock);
        }
        if (count != null && count < 1) {
            throw new picocli.CommandLine.ParameterException(commandLine, "--count must be 1 or more, was " + count);
        }
    }

    /** The checkpointer of {@code --checkpoint-file}, or {@code null} without one. */
    FileCheckpointer checkpointer() throws CommandFailure {
        if (checkpointFile == null) {
            return null;
        }
        try {
            return new FileCheckpointer(checkpointFile);
        } catch (IOException | RuntimeException e) {
            throw new CommandFailure(ExitCodes.BAD_CONFIGURATION, "--checkpoint-file " + checkpointFile
                    + ": cannot be used as a checkpoint: " + e.getMessage(), e);
        }
    }

    boolean wantsMore(long received) {
        return count == null || received < count;
    }

    /** Fails if the peer closed the stream before {@code --count} events (or at all, when following). */
    void requireComplete(long received, dev.ordo.sdk.profile.PeerProfile peer) throws CommandFailure {
        if (wantsMore(received)) {
            throw new CommandFailure(ExitCodes.FAILED, "peer " + peer + " ended the event stream after " + received
                    + (received == 1 ? " event" : " events"), null);
        }
    }

    /** Records one received event in the checkpoint file. */
    interface CheckpointStep<T> {
        void record(FileCheckpointer checkpointer, T event) throws IOException;
    }

    /**
     * Follows {@code request} from {@code --start} or the checkpoint, printing each event and
     * recording it in the checkpoint file, until {@code --count} events arrived (or forever).
     */
    <T> Integer follow(GatewayOptions.Connection connection, EventsBuilder<T> request, Consumer<T> print,
            CheckpointStep<T> checkpoint) throws CommandFailure {
        try (FileCheckpointer checkpointer = checkpointer()) {
            if (startBlock != null) {
                request.startBlock(startBlock);
            }
            if (checkpointer != null) {
                request.checkpoint(checkpointer);
            }
            long received = 0;
            try (CloseableIterator<T> events = request.build().getEvents()) {
                while (wantsMore(received) && events.hasNext()) {
                    T event = events.next();
                    print.accept(event);
                    if (checkpointer != null) {
                        checkpoint.record(checkpointer, event);
                    }
                    received++;
                }
            } catch (GatewayRuntimeException e) {
                throw new CommandFailure(ExitCodes.FAILED, GatewayErrors.describe(e, connection.gateway().peer()), e);
            }
            requireComplete(received, connection.gateway().peer());
            return ExitCodes.OK;
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.FAILED, "--checkpoint-file " + checkpointFile + ": " + e.getMessage(), e);
        }
    }
}

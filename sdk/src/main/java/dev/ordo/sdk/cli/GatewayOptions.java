package dev.ordo.sdk.cli;

import dev.ordo.sdk.GatewayConnectException;
import dev.ordo.sdk.OrdoGateway;
import dev.ordo.sdk.profile.NetworkProfile;
import dev.ordo.sdk.profile.NetworkProfileException;
import dev.ordo.sdk.profile.OrganizationProfile;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every command that talks to a gateway shares: profile, organisation, peer, channel. */
final class GatewayOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-p", "--profile"}, required = true, paramLabel = "FILE",
            description = "Network profile (YAML or JSON): peers, TLS CAs, user identity, default channel.")
    Path profile;

    @Option(names = {"-o", "--org"}, paramLabel = "MSPID",
            description = "Organisation to act for, by MSP id. Optional if the profile has only one.")
    String org;

    @Option(names = "--peer", paramLabel = "NAME",
            description = "Gateway peer of that organisation to use (default: the first in the profile).")
    String peer;

    @Option(names = {"-C", "--channel"}, paramLabel = "NAME",
            description = "Channel (default: the profile's channel).")
    String channel;

    /** Loads the profile and opens the gateway; configuration problems become {@link CommandFailure}s. */
    Connection connect() throws CommandFailure {
        NetworkProfile loaded;
        try {
            loaded = NetworkProfile.load(profile);
        } catch (NetworkProfileException e) {
            throw new CommandFailure(ExitCodes.BAD_CONFIGURATION, e.getMessage(), e);
        }
        String mspId = org;
        if (mspId == null) {
            List<OrganizationProfile> organizations = loaded.organizations();
            if (organizations.size() != 1) {
                throw new ParameterException(spec.commandLine(), "--org is required: the profile has organisations "
                        + organizations.stream().map(OrganizationProfile::mspId).toList());
            }
            mspId = organizations.get(0).mspId();
        }
        String channelName = channel != null ? channel : loaded.channel().orElseThrow(() -> new ParameterException(
                spec.commandLine(), "--channel is required: " + profile + " names no default channel"));
        OrdoGateway.Builder builder = OrdoGateway.newInstance(loaded, mspId);
        if (peer != null) {
            builder.peer(peer);
        }
        try {
            return new Connection(builder.connect(), channelName);
        } catch (GatewayConnectException e) {
            throw new CommandFailure(ExitCodes.BAD_CONFIGURATION, e.getMessage(), e);
        }
    }

    /** An open gateway and the channel the command works on. */
    record Connection(OrdoGateway gateway, String channel) implements AutoCloseable {
        @Override
        public void close() {
            gateway.close();
        }
    }
}

package dev.ordo.ledgernode.contract;

import dev.ordo.contracts.runtime.ContractLoadException;
import dev.ordo.contracts.runtime.ContractRuntime;
import dev.ordo.contracts.runtime.DeployedContract;
import dev.ordo.ledgernode.validate.ChannelRules;
import dev.ordo.proto.v1.ContractDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the contract definitions of channel configurations into deployed contracts: a
 * definition runs here only if a jar with its SHA-256 is installed in the contracts directory.
 * A redefinition with another jar hash redeploys. Contracts live in one runtime shared by all
 * channels, keyed by name: two channels defining one name with different jars cannot both run
 * it (the later definition wins and the other channel's endorsements say the jar differs).
 */
public final class ContractDeployments {
    private static final Logger log = LoggerFactory.getLogger(ContractDeployments.class);

    private record Deployed(byte[] sha256, Path jar, DeployedContract contract) {
    }

    /** Why a contract cannot run, for the endorser's error response. */
    public sealed interface Lookup permits Ready, Unavailable {
    }

    public record Ready(DeployedContract contract, ContractDefinition definition) implements Lookup {
    }

    public record Unavailable(String reason) implements Lookup {
    }

    private final ContractRuntime runtime;
    private final InstalledJars jars;
    private final Map<String, Deployed> deployed = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    public ContractDeployments(ContractRuntime runtime, InstalledJars jars) {
        this.runtime = runtime;
        this.jars = jars;
    }

    /** Deploys every contract {@code rules} define whose jar is installed and not yet deployed. Takes seconds per new contract. */
    public synchronized void apply(ChannelRules rules) {
        for (ContractDefinition definition : rules.config().getContractsList()) {
            deploy(rules.channelId(), definition);
        }
    }

    private void deploy(String channelId, ContractDefinition definition) {
        String name = definition.getName();
        byte[] sha256 = definition.getJarSha256().toByteArray();
        Deployed current = deployed.get(name);
        if (current != null && Arrays.equals(current.sha256(), sha256)) {
            return;
        }
        String hex = HexFormat.of().formatHex(sha256);
        try {
            Optional<Path> jar = jars.find(name, sha256);
            if (jar.isEmpty()) {
                failures.put(name, "no jar with SHA-256 " + hex + " is installed in " + jars.directory());
                log.warn("channel {}: contract {} version {} not deployed: no jar with SHA-256 {} in {}", channelId,
                        name, definition.getVersion(), hex, jars.directory());
                return;
            }
            DeployedContract contract = runtime.deploy(name, jar.get());
            deployed.put(name, new Deployed(sha256, jar.get(), contract));
            failures.remove(name);
            log.info("channel {}: contract {} version {} deployed from {}", channelId, name, definition.getVersion(),
                    jar.get());
        } catch (IOException | ContractLoadException e) {
            failures.put(name, "deploying " + hex + " failed: " + e.getMessage());
            log.error("channel {}: contract {} version {} failed to deploy: {}", channelId, name,
                    definition.getVersion(), e.getMessage());
        }
    }

    /** The deployed contract that runs {@code definition}, or why there is none. */
    public Lookup lookup(ContractDefinition definition) {
        Deployed current = deployed.get(definition.getName());
        if (current != null && Arrays.equals(current.sha256(), definition.getJarSha256().toByteArray())) {
            return new Ready(current.contract(), definition);
        }
        String failure = failures.get(definition.getName());
        return new Unavailable("contract " + definition.getName() + " version " + definition.getVersion()
                + " is not installed on this peer" + (failure == null ? "" : ": " + failure));
    }
}

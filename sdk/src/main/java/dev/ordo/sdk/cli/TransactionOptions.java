package dev.ordo.sdk.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Proposal;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What names one transaction: contract, function, arguments, transient data, endorsers. */
final class TransactionOptions {
    @Option(names = {"-n", "--contract"}, required = true, paramLabel = "NAME",
            description = "Contract (chaincode) name as deployed, e.g. basic.")
    String contract;

    @Parameters(index = "0", paramLabel = "FUNCTION",
            description = "Transaction function: Function, or Contract:Function for a named contract in the chaincode.")
    String function;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments, passed as UTF-8 strings.")
    List<String> arguments = new ArrayList<>();

    @Option(names = {"-t", "--transient"}, paramLabel = "KEY=VALUE",
            description = "Transient (private) input, seen by endorsers only; repeatable.")
    Map<String, String> transientData = new LinkedHashMap<>();

    @Option(names = "--endorsing-org", paramLabel = "MSPID",
            description = "Have this organisation's peers endorse instead of the ones the gateway picks; repeatable.")
    List<String> endorsingOrganizations = new ArrayList<>();

    @Option(names = "--hex", description = "Print the result as hex even if it is text.")
    boolean hex;

    /** The proposal these options describe, to be signed by the client. */
    Proposal proposal(Contract target) {
        Proposal.Builder builder = target.newProposal(function).addArguments(arguments.toArray(String[]::new));
        transientData.forEach((key, value) -> builder.putTransient(key, value.getBytes(StandardCharsets.UTF_8)));
        if (!endorsingOrganizations.isEmpty()) {
            builder.setEndorsingOrganizations(endorsingOrganizations.toArray(String[]::new));
        }
        return builder.build();
    }
}

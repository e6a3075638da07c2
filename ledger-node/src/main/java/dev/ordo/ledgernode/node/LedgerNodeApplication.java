package dev.ordo.ledgernode.node;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The ledger node process: {@code java -jar ordo-ledger-node-exec.jar --ordo.peer.id=...}. */
@SpringBootApplication
public class LedgerNodeApplication {
    public static void main(String[] args) {
        SpringApplication.run(LedgerNodeApplication.class, args);
    }
}

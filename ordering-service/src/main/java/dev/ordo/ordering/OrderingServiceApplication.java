package dev.ordo.ordering;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** One orderer per process: {@code java -jar ordo-ordering-service.jar --ordo.orderer.id=...}. */
@SpringBootApplication
public class OrderingServiceApplication {
  public static void main(String[] args) {
    SpringApplication.run(OrderingServiceApplication.class, args);
  }
}

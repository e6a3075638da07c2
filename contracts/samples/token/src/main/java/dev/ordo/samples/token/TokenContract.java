package dev.ordo.samples.token;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Token balances under composite keys {@code balance~account}, where an account is
 * {@code <MSP id>::<certificate subject>} of its holder, plus a total-supply key.
 *
 * <p>Only an organisation admin may mint: a client whose certificate carries the Fabric CA
 * attribute {@code hf.Type=admin} or, as NodeOUs-style certificates do, an {@code OU=admin}.
 */
@Contract(name = "token",
    info = @Info(title = "Token", description = "A fungible token", version = "1.0.0",
        license = @License(name = "Apache-2.0")))
@Default
public final class TokenContract implements ContractInterface {

  /** Object type of the balance keys. */
  public static final String BALANCE = "balance~account";

  /** Key of the total supply. */
  public static final String TOTAL_SUPPLY = "totalSupply";

  /** Adds {@code amount} new tokens to the caller's account; organisation admins only. */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public Transfer Mint(final Context ctx, final String amount) {
    long value = positiveAmount(amount);
    ClientIdentity client = ctx.getClientIdentity();
    if (!isAdmin(client)) {
      throw new ChaincodeException("only an organisation admin may mint; "
          + accountOf(client) + " is not one", "NOT_ADMIN");
    }
    ChaincodeStub stub = ctx.getStub();
    String to = accountOf(client);
    long supply = readAmount(stub, TOTAL_SUPPLY);
    long balance = readAmount(stub, balanceKey(stub, to));
    writeAmount(stub, TOTAL_SUPPLY, add(supply, value));
    writeAmount(stub, balanceKey(stub, to), add(balance, value));
    Transfer minted = new Transfer("", to, value);
    stub.setEvent("Mint", minted.toJson());
    return minted;
  }

  /** Moves {@code amount} tokens from the caller's account to {@code to}. */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public Transfer Transfer(final Context ctx, final String to, final String amount) {
    long value = positiveAmount(amount);
    if (to == null || to.isEmpty()) {
      throw new ChaincodeException("the receiving account is required", "INVALID_ARGUMENT");
    }
    ChaincodeStub stub = ctx.getStub();
    String from = accountOf(ctx.getClientIdentity());
    if (from.equals(to)) {
      throw new ChaincodeException("cannot transfer to the sending account", "INVALID_ARGUMENT");
    }
    long fromBalance = readAmount(stub, balanceKey(stub, from));
    if (fromBalance < value) {
      throw new ChaincodeException("insufficient funds: account " + from + " holds "
          + fromBalance + ", transfer needs " + value, "INSUFFICIENT_FUNDS");
    }
    long toBalance = readAmount(stub, balanceKey(stub, to));
    writeAmount(stub, balanceKey(stub, from), fromBalance - value);
    writeAmount(stub, balanceKey(stub, to), add(toBalance, value));
    Transfer transfer = new Transfer(from, to, value);
    stub.setEvent("Transfer", transfer.toJson());
    return transfer;
  }

  /** The balance of {@code account} (0 if it never held tokens). */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public long BalanceOf(final Context ctx, final String account) {
    if (account == null || account.isEmpty()) {
      throw new ChaincodeException("an account is required", "INVALID_ARGUMENT");
    }
    ChaincodeStub stub = ctx.getStub();
    return readAmount(stub, balanceKey(stub, account));
  }

  /** The caller's account id. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String ClientAccountID(final Context ctx) {
    return accountOf(ctx.getClientIdentity());
  }

  /** All tokens minted so far. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public long TotalSupply(final Context ctx) {
    return readAmount(ctx.getStub(), TOTAL_SUPPLY);
  }

  static String accountOf(ClientIdentity client) {
    return client.getMSPID() + "::" + client.getX509Certificate().getSubjectX500Principal().getName();
  }

  private static boolean isAdmin(ClientIdentity client) {
    if ("admin".equals(client.getAttributeValue("hf.Type"))) {
      return true;
    }
    X509Certificate cert = client.getX509Certificate();
    try {
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if ("OU".equalsIgnoreCase(rdn.getType())
            && "admin".equalsIgnoreCase(String.valueOf(rdn.getValue()))) {
          return true;
        }
      }
    } catch (InvalidNameException e) {
      throw new ChaincodeException("the client certificate's subject cannot be parsed: "
          + e.getMessage());
    }
    return false;
  }

  private static String balanceKey(ChaincodeStub stub, String account) {
    return stub.createCompositeKey(BALANCE, account).toString();
  }

  private static long positiveAmount(String amount) {
    long value;
    try {
      value = Long.parseLong(amount == null ? "" : amount.trim());
    } catch (NumberFormatException e) {
      throw new ChaincodeException("amount must be a whole number, got '" + amount + "'",
          "INVALID_ARGUMENT");
    }
    if (value <= 0) {
      throw new ChaincodeException("amount must be positive, got " + value, "INVALID_ARGUMENT");
    }
    return value;
  }

  private static long add(long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw new ChaincodeException("amount overflows a 64-bit balance", "OVERFLOW");
    }
  }

  private static long readAmount(ChaincodeStub stub, String key) {
    byte[] stored = stub.getState(key);
    if (stored == null || stored.length == 0) {
      return 0;
    }
    try {
      return Long.parseLong(new String(stored, StandardCharsets.UTF_8));
    } catch (NumberFormatException e) {
      throw new ChaincodeException("the amount stored under " + key + " is malformed");
    }
  }

  private static void writeAmount(ChaincodeStub stub, String key, long amount) {
    stub.putState(key, Long.toString(amount).getBytes(StandardCharsets.UTF_8));
  }
}

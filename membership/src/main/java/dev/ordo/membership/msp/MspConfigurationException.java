package dev.ordo.membership.msp;

/**
 * An organisation or policy definition that cannot be used: a root that is not a CA, an
 * intermediate that does not chain, a CRL no CA of the organisation signed, an unparsable
 * policy. The message names the organisation and the item.
 */
public final class MspConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MspConfigurationException(String message) {
        super(message);
    }

    public MspConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.ordo.membership.crypto;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Reads attributes (OU, CN, O) out of a certificate's subject name. */
public final class CertificateNames {
    private CertificateNames() {
    }

    /** The subject as a Bouncy Castle name. */
    public static X500Name subject(X509Certificate certificate) {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    /** Every OU value of the subject, in order (multi-valued RDNs included). */
    public static List<String> organizationalUnits(X509Certificate certificate) {
        return values(subject(certificate), BCStyle.OU);
    }

    /** The subject's first CN, or the empty string when it has none. */
    public static String commonName(X509Certificate certificate) {
        List<String> names = values(subject(certificate), BCStyle.CN);
        return names.isEmpty() ? "" : names.get(0);
    }

    /** Every value of one attribute type in a name. */
    public static List<String> values(X500Name name, ASN1ObjectIdentifier type) {
        List<String> values = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                if (attribute.getType().equals(type)) {
                    values.add(IETFUtils.valueToString(attribute.getValue()));
                }
            }
        }
        return values;
    }
}

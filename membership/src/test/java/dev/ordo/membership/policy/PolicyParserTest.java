package dev.ordo.membership.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PolicyParserTest {

    @Test
    void parsesAndOrOutOfWithNesting() throws Exception {
        SignaturePolicy policy = PolicyParser.parse(
                "AND('Org1MSP.peer', OR(\"Org2MSP.peer\", OutOf(2, 'Org3MSP.admin', 'Org4MSP.member', 'Org5MSP.client')))");
        SignaturePolicy.NOutOf and = (SignaturePolicy.NOutOf) policy;
        assertEquals(2, and.n());
        assertEquals(new SignaturePolicy.SignedBy("Org1MSP", PrincipalRole.PEER), and.rules().get(0));
        SignaturePolicy.NOutOf or = (SignaturePolicy.NOutOf) and.rules().get(1);
        assertEquals(1, or.n());
        SignaturePolicy.NOutOf outOf = (SignaturePolicy.NOutOf) or.rules().get(1);
        assertEquals(2, outOf.n());
        assertEquals(List.of(new SignaturePolicy.SignedBy("Org3MSP", PrincipalRole.ADMIN),
                new SignaturePolicy.SignedBy("Org4MSP", PrincipalRole.MEMBER),
                new SignaturePolicy.SignedBy("Org5MSP", PrincipalRole.CLIENT)), outOf.rules());
    }

    @Test
    void acceptsLowerCaseFunctionsWhitespaceAndDottedMspIds() throws Exception {
        SignaturePolicy policy = PolicyParser.parse("  or ( 'org1.example.com.orderer' ,\n\t'a-b.peer' )  ");
        assertEquals(new SignaturePolicy.NOutOf(1, List.of(
                new SignaturePolicy.SignedBy("org1.example.com", PrincipalRole.ORDERER),
                new SignaturePolicy.SignedBy("a-b", PrincipalRole.PEER))), policy);
        assertEquals(new SignaturePolicy.SignedBy("Org1MSP", PrincipalRole.MEMBER), PolicyParser.parse("'Org1MSP.member'"));
    }

    @Test
    void writesPoliciesBackInTheSameLanguage() throws Exception {
        String text = "OutOf(2, 'A.peer', AND('B.admin', 'C.client'), OR('D.orderer'))";
        SignaturePolicy policy = PolicyParser.parse(text);
        assertEquals(policy, PolicyParser.parse(policy.toString()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                                     | 0  | policy is empty",
        "`   `                                  | 3  | policy is empty",
        "AND('A.peer'                           | 12 | missing ')'",
        "AND('A.peer',)                         | 13 | expected a rule after ','",
        "AND()                                  | 4  | needs at least one rule",
        "XOR('A.peer')                          | 0  | unknown function 'XOR'",
        "AND('A.peer' 'B.peer')                 | 13 | expected ')'",
        "AND('A.peer)                           | 4  | unterminated principal",
        "'A.superuser'                          | 3  | unknown role 'superuser'",
        "'Apeer'                                | 1  | must be <MSP id>.<role>",
        "'.peer'                                | 1  | must be <MSP id>.<role>",
        "'A_B.peer'                             | 2  | not allowed in an MSP id",
        "OutOf(3, 'A.peer', 'B.peer')           | 6  | must be between 1 and the number of rules",
        "OutOf(0, 'A.peer')                     | 6  | must be between 1 and the number of rules",
        "OutOf(x, 'A.peer')                     | 6  | expected the count of OutOf",
        "OutOf(-1, 'A.peer')                    | 6  | expected the count of OutOf",
        "OutOf(1 'A.peer')                      | 8  | expected ','",
        "AND('A.peer') junk                     | 14 | unexpected 'j'",
        "AND 'A.peer'                           | 4  | expected '('",
        "AND(A.peer)                            | 4  | unknown function 'A'",
        "AND('A.peer', 7)                       | 14 | expected a quoted principal",
        "OR('A.PEER')                           | 6  | unknown role 'PEER'",
        "OR('A.peer\")                          | 3  | unterminated principal",
    })
    void reportsPositionAndReasonOfMalformedPolicies(String policy, int position, String reason) {
        PolicySyntaxException e = assertThrows(PolicySyntaxException.class, () -> PolicyParser.parse(policy));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.reason().contains(reason), e.getMessage());
        assertTrue(e.getMessage().contains("position " + position), e.getMessage());
    }

    @Test
    void refusesExcessiveNestingAndLength() {
        String deep = "OR(".repeat(PolicyParser.MAX_DEPTH + 1) + "'A.peer'" + ")".repeat(PolicyParser.MAX_DEPTH + 1);
        PolicySyntaxException nesting = assertThrows(PolicySyntaxException.class, () -> PolicyParser.parse(deep));
        assertTrue(nesting.reason().contains("nested deeper"), nesting.getMessage());
        String longPolicy = "OR(" + "'A.peer',".repeat(PolicyParser.MAX_LENGTH / 9) + "'A.peer')";
        PolicySyntaxException length = assertThrows(PolicySyntaxException.class, () -> PolicyParser.parse(longPolicy));
        assertTrue(length.reason().contains("longer than"), length.getMessage());
        assertThrows(PolicySyntaxException.class, () -> PolicyParser.parse(null));
    }
}

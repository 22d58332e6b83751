package org.chancery.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Field encoding of the CSV and Concordance DAT writers on the characters that break naive writers. */
class DelimitedTextTest {
    @Test
    void csvQuotesOnlyFieldsThatNeedItAndDoublesQuotes() {
        assertEquals("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\uD83C\uDDFA\uD83C\uDDF8,\r\n",
                Csv.record(java.util.Arrays.asList("plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere",
                        "\uD83C\uDDFA\uD83C\uDDF8", null)));
    }

    @Test
    void datWrapsEveryFieldInThornsAndWritesLineBreaksAsRegisteredSign() {
        assertEquals("\u00FEa\u00FE\u0014\u00FEone\u00AEtwo\u00AEthree\u00AEfour\u00FE\u0014\u00FE\u00FE\r\n",
                DatExport.row(List.of("a", "one\r\ntwo\nthree\rfour", "")));
    }

    @Test
    void datReplacesItsOwnDelimitersInsideValues() {
        assertEquals("\u00FEx\uFFFDy\uFFFDz\u00FE\r\n", DatExport.row(List.of("x\u00FEy\u0014z")));
    }

    @Test
    void bagPathsWithLineBreaksOrPercentAreEncoded() {
        assertEquals("data/a%0Ab%0Dc%25d", BagWriter.encodePath("data/a\nb\rc%d"));
    }
}

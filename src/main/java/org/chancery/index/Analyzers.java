package org.chancery.index;

import java.util.HashMap;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * The analysers of the text fields: one per language key, plus the language-neutral {@code all} analyser.
 *
 * <p>{@code all} is CJK-bigram aware (StandardTokenizer, width folding, lower case, CJKBigramFilter) with no
 * stop words, so that any word of any script is findable even when the platform's language tag is wrong and
 * unsegmented Chinese or Japanese text is searchable by overlapping character pairs.
 */
final class Analyzers {
    private final Map<String, Analyzer> byKey = new HashMap<>();
    private final PerFieldAnalyzerWrapper perField;

    Analyzers() {
        byKey.put("en", new EnglishAnalyzer());
        byKey.put("fr", new FrenchAnalyzer());
        byKey.put("es", new SpanishAnalyzer());
        byKey.put("ru", new RussianAnalyzer());
        byKey.put("ar", new ArabicAnalyzer());
        byKey.put("zh", new SmartChineseAnalyzer());
        byKey.put("ja", new JapaneseAnalyzer());
        byKey.put("other", new StandardAnalyzer());
        byKey.put(Fields.ALL, new CJKAnalyzer(CharArraySet.EMPTY_SET));
        Map<String, Analyzer> fields = new HashMap<>();
        for (String part : Fields.PARTS) {
            byKey.forEach((key, analyzer) -> fields.put(Fields.text(part, key), analyzer));
        }
        perField = new PerFieldAnalyzerWrapper(new StandardAnalyzer(), fields);
    }

    /** The analyser for every field of the index (text fields by language key, others standard). */
    Analyzer perField() {
        return perField;
    }

    void close() {
        perField.close();
        byKey.values().forEach(Analyzer::close);
    }
}

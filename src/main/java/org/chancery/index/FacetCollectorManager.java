package org.chancery.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Counts facet values over every matching document (not just a page) by reading the facet doc values:
 * per segment by ordinal, then merged by value. Counts are exact.
 */
final class FacetCollectorManager implements CollectorManager<FacetCollectorManager.Counter, Map<Facet, List<FacetCount>>> {
    private final Set<Facet> facets;

    FacetCollectorManager(Set<Facet> facets) {
        this.facets = facets;
    }

    @Override
    public Counter newCollector() {
        return new Counter(facets);
    }

    @Override
    public Map<Facet, List<FacetCount>> reduce(Collection<Counter> counters) {
        Map<Facet, List<FacetCount>> out = new EnumMap<>(Facet.class);
        for (Facet f : facets) {
            Map<String, Long> merged = new HashMap<>();
            for (Counter c : counters) {
                c.counts.get(f).forEach((value, n) -> merged.merge(value, n, Long::sum));
            }
            List<FacetCount> list = new ArrayList<>();
            merged.forEach((value, n) -> list.add(new FacetCount(value, n)));
            list.sort(Comparator.comparingLong(FacetCount::count).reversed().thenComparing(FacetCount::value));
            out.put(f, List.copyOf(list));
        }
        return out;
    }

    static final class Counter implements Collector {
        private final Set<Facet> facets;
        private final Map<Facet, Map<String, Long>> counts = new EnumMap<>(Facet.class);

        Counter(Set<Facet> facets) {
            this.facets = facets;
            facets.forEach(f -> counts.put(f, new HashMap<>()));
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            Facet[] dims = facets.toArray(new Facet[0]);
            SortedSetDocValues[] values = new SortedSetDocValues[dims.length];
            // Single-valued facets (account, month, language, type) read one ordinal per document, without the
            // multi-valued iteration; hashtags are multi-valued.
            SortedDocValues[] single = new SortedDocValues[dims.length];
            int[][] perOrd = new int[dims.length][];
            for (int i = 0; i < dims.length; i++) {
                values[i] = DocValues.getSortedSet(context.reader(), dims[i].field());
                single[i] = DocValues.unwrapSingleton(values[i]);
                perOrd[i] = new int[Math.toIntExact(values[i].getValueCount())];
            }
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {
                    // Counting needs no scores.
                }

                @Override
                public void collect(int doc) throws IOException {
                    for (int i = 0; i < dims.length; i++) {
                        if (single[i] != null) {
                            if (single[i].advanceExact(doc)) {
                                perOrd[i][single[i].ordValue()]++;
                            }
                        } else if (values[i].advanceExact(doc)) {
                            for (int k = 0; k < values[i].docValueCount(); k++) {
                                perOrd[i][Math.toIntExact(values[i].nextOrd())]++;
                            }
                        }
                    }
                }

                @Override
                public void finish() throws IOException {
                    for (int i = 0; i < dims.length; i++) {
                        Map<String, Long> target = counts.get(dims[i]);
                        SortedSetDocValues lookup = DocValues.getSortedSet(context.reader(), dims[i].field());
                        for (int ord = 0; ord < perOrd[i].length; ord++) {
                            if (perOrd[i][ord] > 0) {
                                target.merge(lookup.lookupOrd(ord).utf8ToString(), (long) perOrd[i][ord], Long::sum);
                            }
                        }
                    }
                }
            };
        }
    }
}

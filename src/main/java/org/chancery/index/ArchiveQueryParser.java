package org.chancery.index;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns Chancery's search language into a Lucene query. Hand-written recursive descent:
 *
 * <pre>
 * query    := or EOF
 * or       := and ("OR" and)*
 * and      := unary (["AND"] unary)*          adjacent terms are ANDed
 * unary    := "NOT" unary | "-" unary | primary
 * primary  := "(" or ")" | "phrase" | operator:value | @handle | #tag | $CASHTAG | word | prefix*
 * </pre>
 *
 * Operators: {@code from: to: lang: since: until: is: has: url: class: role:}. Free words and phrases match
 * the tweet's own text and the text of the tweet it quotes or retweets, in the language-neutral field and in
 * every language field (the word is analysed by each language's analyser; a match in any counts). Anything
 * the parser does not understand is a {@link QuerySyntaxException} with its position, never an empty result.
 */
final class ArchiveQueryParser {
    static final List<String> OPERATORS =
            List.of("from", "to", "lang", "since", "until", "is", "has", "url", "class", "role");
    static final Set<String> IS_VALUES = Set.of("original", "reply", "retweet", "quote", "deleted", "edited");
    static final Set<String> HAS_VALUES = Set.of("media", "links");

    private final QueryBuilder builder;
    private final boolean pairs;

    /** A parser whose phrases read positions only (for an index without {@link WordPairs}, and for highlighting). */
    ArchiveQueryParser(Analyzer analyzer) {
        this(analyzer, false);
    }

    /**
     * @param pairs whether phrases use the index's adjacent-term pairs ({@link WordPairs#forPhrase}): the same
     *              matches, found without reading positions for two-term phrases
     */
    ArchiveQueryParser(Analyzer analyzer, boolean pairs) {
        this.builder = new QueryBuilder(analyzer);
        this.pairs = pairs;
    }

    /** Parses {@code text}; throws {@link QuerySyntaxException} naming the position of the first problem. */
    Query parse(String text) {
        if (text == null || text.isBlank()) {
            throw new QuerySyntaxException("The query is empty; give at least one word or operator.", 0);
        }
        return new Run(text).parseAll();
    }

    private enum Kind { WORD, PHRASE, LPAREN, RPAREN, AND, OR, NOT, MINUS, EOF }

    private record Token(Kind kind, String text, int position) {}

    /** A clause of an AND sequence: negated clauses become MUST_NOT. */
    private record Clause(Query query, boolean negated) {}

    /** One parse: tokens of one query string. */
    private final class Run {
        private final String source;
        private final List<Token> tokens;
        private int next;

        Run(String source) {
            this.source = source;
            this.tokens = tokenize(source);
        }

        Query parseAll() {
            Query q = or();
            Token t = peek();
            if (t.kind() == Kind.RPAREN) {
                throw new QuerySyntaxException("Unbalanced parenthesis: \")\" at position " + t.position()
                        + " has no matching \"(\".", t.position());
            }
            if (t.kind() != Kind.EOF) {
                throw error("Unexpected \"" + t.text() + "\"", t);
            }
            return q;
        }

        private Query or() {
            List<Query> alternatives = new ArrayList<>();
            alternatives.add(and());
            while (peek().kind() == Kind.OR) {
                Token op = take();
                if (startsTerm(peek().kind())) {
                    alternatives.add(and());
                } else {
                    throw error("Expected a term after OR", op);
                }
            }
            if (alternatives.size() == 1) {
                return alternatives.getFirst();
            }
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            alternatives.forEach(q -> b.add(q, Occur.SHOULD));
            return b.build();
        }

        private Query and() {
            List<Clause> clauses = new ArrayList<>();
            clauses.add(unary());
            while (true) {
                Token t = peek();
                if (t.kind() == Kind.AND) {
                    take();
                    if (!startsTerm(peek().kind())) {
                        throw error("Expected a term after AND", t);
                    }
                    clauses.add(unary());
                } else if (startsTerm(t.kind())) {
                    clauses.add(unary());
                } else {
                    break;
                }
            }
            if (clauses.size() == 1 && !clauses.getFirst().negated()) {
                return clauses.getFirst().query();
            }
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            boolean positive = false;
            for (Clause c : clauses) {
                b.add(c.query(), c.negated() ? Occur.MUST_NOT : Occur.MUST);
                positive |= !c.negated();
            }
            if (!positive) {
                // A query of only exclusions means "everything except": Lucene needs the everything spelled out.
                b.add(MatchAllDocsQuery.INSTANCE, Occur.FILTER);
            }
            return b.build();
        }

        private Clause unary() {
            Token t = peek();
            if (t.kind() == Kind.NOT || t.kind() == Kind.MINUS) {
                take();
                if (!startsTerm(peek().kind()) || peek().kind() == Kind.NOT || peek().kind() == Kind.MINUS) {
                    throw error("Expected a term after " + (t.kind() == Kind.NOT ? "NOT" : "\"-\""), t);
                }
                return new Clause(primary(), true);
            }
            return new Clause(primary(), false);
        }

        private Query primary() {
            Token t = take();
            return switch (t.kind()) {
                case LPAREN -> {
                    if (peek().kind() == Kind.RPAREN) {
                        throw error("Empty parentheses", t);
                    }
                    Query inner = or();
                    if (peek().kind() != Kind.RPAREN) {
                        throw new QuerySyntaxException("Unbalanced parenthesis: \"(\" at position " + t.position()
                                + " is never closed.", t.position());
                    }
                    take();
                    yield inner;
                }
                case PHRASE -> freeText(t, false);
                case WORD -> word(t);
                default -> throw error("Unexpected \"" + t.text() + "\"", t);
            };
        }

        private Query word(Token t) {
            String w = t.text();
            int colon = w.indexOf(':');
            if (colon > 0 && isOperatorName(w.substring(0, colon)) && !w.startsWith("//", colon + 1)) {
                return operator(t, w.substring(0, colon).toLowerCase(Locale.ROOT), w.substring(colon + 1));
            }
            if (w.startsWith("@")) {
                return exact(t, Fields.MENTION, w.substring(1), "@handle", Fields::lower);
            }
            if (w.startsWith("#")) {
                return exact(t, Fields.HASHTAG, w.substring(1), "#tag", Fields::lower);
            }
            if (w.startsWith("$") && w.length() > 1 && Character.isLetter(w.codePointAt(1))) {
                return exact(t, Fields.CASHTAG, w.substring(1), "$CASHTAG", s -> s.toUpperCase(Locale.ROOT));
            }
            int star = w.indexOf('*');
            if (star >= 0) {
                if (star != w.length() - 1) {
                    throw new QuerySyntaxException("Wildcard \"*\" at position " + (t.position() + star)
                            + " is only allowed at the end of a word (prefix search).", t.position() + star);
                }
                return prefix(t, w.substring(0, star));
            }
            return freeText(t, true);
        }

        private Query operator(Token t, String name, String rawValue) {
            if (!OPERATORS.contains(name)) {
                throw new QuerySyntaxException("Unknown operator \"" + name + ":\" at position " + t.position()
                        + "; known operators: " + knownOperators() + ".", t.position());
            }
            String value = unquote(rawValue);
            int valuePos = t.position() + name.length() + 1;
            if (value.isEmpty()) {
                throw new QuerySyntaxException("Operator \"" + name + ":\" at position " + t.position()
                        + " needs a value.", valuePos);
            }
            return switch (name) {
                case "from" -> handleTerm(Fields.HANDLE, value);
                case "to" -> handleTerm(Fields.REPLY_TO, value);
                case "lang" -> new TermQuery(new Term(Fields.LANG, Fields.lower(value)));
                case "url" -> new TermQuery(new Term(Fields.DOMAIN, Fields.lower(stripScheme(value))));
                case "class" -> new TermQuery(new Term(Fields.ACCOUNT_CLASS, Fields.lower(value)));
                case "role" -> new TermQuery(new Term(Fields.ACCOUNT_ROLE, Fields.lower(value)));
                case "is" -> enumTerm(Fields.IS, name, value, IS_VALUES, valuePos);
                case "has" -> enumTerm(Fields.HAS, name, value, HAS_VALUES, valuePos);
                case "since" -> LongPoint.newRangeQuery(Fields.CREATED_AT, dayStart(value, valuePos), Long.MAX_VALUE);
                case "until" -> LongPoint.newRangeQuery(Fields.CREATED_AT, Long.MIN_VALUE,
                        dayStart(value, valuePos) - 1);
                default -> throw new IllegalStateException("operator " + name + " is listed but not handled");
            };
        }

        private Query handleTerm(String field, String value) {
            String handle = value.startsWith("@") ? value.substring(1) : value;
            return new TermQuery(new Term(field, Fields.lower(handle)));
        }

        private Query enumTerm(String field, String name, String value, Set<String> allowed, int pos) {
            String v = Fields.lower(value);
            if (!allowed.contains(v)) {
                throw new QuerySyntaxException("\"" + name + ":" + value + "\" at position " + (pos - name.length() - 1)
                        + " is not understood; " + name + ": takes one of "
                        + allowed.stream().sorted().collect(Collectors.joining(", ")) + ".", pos);
            }
            return new TermQuery(new Term(field, v));
        }

        private long dayStart(String value, int pos) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new QuerySyntaxException("Date \"" + value + "\" at position " + pos
                        + " is not a valid YYYY-MM-DD date.", pos);
            }
        }

        private Query exact(Token t, String field, String value, String form,
                            java.util.function.UnaryOperator<String> normalise) {
            if (value.isEmpty()) {
                throw error("\"" + t.text() + "\" needs a name after its sign (" + form + ")", t);
            }
            return new TermQuery(new Term(field, normalise.apply(value)));
        }

        private Query prefix(Token t, String stem) {
            String p = Fields.lower(stem);
            if (p.isEmpty()) {
                throw error("A prefix search needs at least one character before \"*\"", t);
            }
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            for (String part : Fields.PARTS) {
                b.add(new PrefixQuery(new Term(Fields.text(part, Fields.ALL), p)), Occur.SHOULD);
            }
            return b.build();
        }

        /** A word or phrase: matches if any part's text matches in any analysed field. */
        private Query freeText(Token t, boolean word) {
            if (t.text().isBlank()) {
                throw error("Empty phrase", t);
            }
            BiFunction<String, String, Query> make = builder::createPhraseQuery;
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            int clauses = 0;
            for (String part : Fields.PARTS) {
                for (String key : allKeys()) {
                    String field = Fields.text(part, key);
                    Query q = make.apply(field, t.text());
                    if (q != null && pairs) {
                        q = WordPairs.forPhrase(field, q);
                    }
                    if (q != null) {
                        b.add(q, Occur.SHOULD);
                        clauses++;
                    }
                }
            }
            if (clauses == 0) {
                throw error((word ? "Word" : "Phrase") + " \"" + t.text() + "\" contains nothing searchable", t);
            }
            return b.build();
        }

        private QuerySyntaxException error(String what, Token t) {
            return new QuerySyntaxException(what + " at position " + t.position() + ".", t.position());
        }

        private Token peek() {
            return tokens.get(next);
        }

        private Token take() {
            Token t = tokens.get(next);
            if (t.kind() != Kind.EOF) {
                next++;
            }
            return t;
        }

        private List<Token> tokenize(String s) {
            List<Token> out = new ArrayList<>();
            int i = 0;
            int n = s.length();
            while (i < n) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '(') {
                    out.add(new Token(Kind.LPAREN, "(", i++));
                } else if (c == ')') {
                    out.add(new Token(Kind.RPAREN, ")", i++));
                } else if (c == '"') {
                    int close = s.indexOf('"', i + 1);
                    if (close < 0) {
                        throw new QuerySyntaxException("Unbalanced quote: the phrase opened at position " + i
                                + " is never closed.", i);
                    }
                    out.add(new Token(Kind.PHRASE, s.substring(i + 1, close), i));
                    i = close + 1;
                } else if (c == '-' && i + 1 < n && !Character.isWhitespace(s.charAt(i + 1))) {
                    out.add(new Token(Kind.MINUS, "-", i++));
                } else {
                    int start = i;
                    while (i < n && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '(' && s.charAt(i) != ')') {
                        if (s.charAt(i) == '"') {
                            // An operator value in quotes: role:"press office".
                            int close = s.indexOf('"', i + 1);
                            if (close < 0 || s.charAt(i - 1) != ':') {
                                throw new QuerySyntaxException("Unbalanced quote: the quote at position " + i
                                        + " is not a phrase or operator value that is closed.", i);
                            }
                            i = close + 1;
                        } else {
                            i++;
                        }
                    }
                    String w = s.substring(start, i);
                    Kind k = switch (w) {
                        case "AND" -> Kind.AND;
                        case "OR" -> Kind.OR;
                        case "NOT" -> Kind.NOT;
                        default -> Kind.WORD;
                    };
                    out.add(new Token(k, w, start));
                }
            }
            out.add(new Token(Kind.EOF, "end of query", n));
            if (out.getFirst().kind() == Kind.AND || out.getFirst().kind() == Kind.OR) {
                throw error("Expected a term before " + out.getFirst().text(), out.getFirst());
            }
            return out;
        }
    }

    private static boolean startsTerm(Kind k) {
        return k == Kind.WORD || k == Kind.PHRASE || k == Kind.LPAREN || k == Kind.NOT || k == Kind.MINUS;
    }

    private static boolean isOperatorName(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1).strip() : v;
    }

    private static String stripScheme(String v) {
        String s = v.replaceFirst("^[A-Za-z]+://", "");
        int slash = s.indexOf('/');
        return slash >= 0 ? s.substring(0, slash) : s;
    }

    private static List<String> allKeys() {
        List<String> keys = new ArrayList<>(Fields.LANGUAGE_KEYS);
        keys.add(Fields.ALL);
        return keys;
    }

    static String knownOperators() {
        return OPERATORS.stream().map(o -> o + ":").collect(Collectors.joining(", "))
                + ", @handle, #tag, $CASHTAG";
    }
}

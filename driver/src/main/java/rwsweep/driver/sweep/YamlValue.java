package rwsweep.driver.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * One value of a parsed sweep file together with where it sits (file and key path), so that every
 * read is typed and every failure is one line naming the file, the key and what the
 * {@link SweepKey} table allows: {@code sweeps/x.yaml: depths: got 0; allowed: integers >= 1 ...}.
 * Jackson's own exceptions never get this far: only its parsed tree is read here.
 */
final class YamlValue {
    private final String file;
    private final String path;
    private final JsonNode node;

    private YamlValue(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** The whole document; {@code file} is how messages name the sweep file. */
    static YamlValue root(String file, JsonNode node) {
        return new YamlValue(file, "", node);
    }

    String file() { return file; }

    /** Key path in the file, e.g. {@code data.n} or {@code combinations[2].depth}. */
    String path() { return path; }

    boolean isMap() { return node.isObject(); }

    boolean isList() { return node.isArray(); }

    boolean isText() { return node.isTextual(); }

    boolean isNumber() { return node.isNumber(); }

    /** The value under {@code key} of this map, or null when the key is absent. */
    YamlValue get(String key) {
        JsonNode child = node.get(key);
        return child == null ? null : new YamlValue(file, path.isEmpty() ? key : path + "." + key, child);
    }

    /** The same value under another path (for entries of a list: {@code combinations[2]}). */
    YamlValue at(String newPath) {
        return new YamlValue(file, newPath, node);
    }

    /** Every key of this map must be one of {@code known}; else an error suggesting the nearest. */
    void requireKnownKeys(Collection<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!known.contains(key)) {
                String where = path.isEmpty() ? "" : " in " + path;
                String nearest = nearest(key, known);
                throw new UserError(file + ": unknown key '" + key + "'" + where
                        + (nearest == null ? "" : " (did you mean '" + nearest + "'?)")
                        + "; allowed: " + String.join(", ", known));
            }
        }
    }

    /** The map's keys, in file order. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /**
     * The values of an axis: a scalar (or map) is one value, a list its items, an empty list an
     * error. Items keep this node's path: messages show the offending value itself.
     */
    List<YamlValue> items(SweepKey p) {
        if (node.isNull()) throw error(p, "got no value");
        if (!node.isArray()) return List.of(this);
        if (node.isEmpty()) throw error(p, "got an empty list");
        List<YamlValue> items = new ArrayList<>(node.size());
        for (JsonNode item : node) items.add(new YamlValue(file, path, item));
        return items;
    }

    /** A text value. */
    String text(SweepKey p) {
        if (!node.isTextual()) throw error(p, "got " + describe());
        return node.textValue();
    }

    /** One of {@code options} (case-insensitive), returned in lower case; a typo gets a suggestion. */
    String choice(SweepKey p, List<String> options) {
        String v = text(p).trim().toLowerCase(Locale.ROOT);
        if (options.contains(v)) return v;
        String nearest = nearest(v, options);
        throw error(p, "got '" + node.textValue() + "'" + (nearest == null ? "" : " (did you mean '" + nearest + "'?)"));
    }

    /** An integer ≥ {@code min} that fits an int. */
    int integer(SweepKey p, int min) {
        long v = longInteger(p);
        if (v < min || v > Integer.MAX_VALUE) throw error(p, "got " + v);
        return (int) v;
    }

    /** An integer that fits a long. */
    long longInteger(SweepKey p) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) throw error(p, "got " + describe());
        return node.longValue();
    }

    /** A finite number (an integer is a number too). */
    double number(SweepKey p) {
        if (!node.isNumber()) throw error(p, "got " + describe());
        double v = node.doubleValue();
        if (!Double.isFinite(v)) throw error(p, "got " + v);
        return v;
    }

    /** A finite number {@code > 0}. */
    double positive(SweepKey p) {
        double v = number(p);
        if (v <= 0) throw error(p, "got " + node.asText());
        return v;
    }

    /** The one-line error for this value: file, key path, what went wrong, what is allowed. */
    UserError error(SweepKey p, String problem) {
        return new UserError(file + ": " + (path.isEmpty() ? p.key() : path) + ": " + problem + "; allowed: " + p.allowed());
    }

    /** The error for a required key absent from this map. */
    UserError missing(SweepKey p) {
        String key = p.isAxis() && path.startsWith("combinations[") ? p.singular().orElseThrow() : p.localKey();
        return new UserError(file + ": " + (path.isEmpty() ? key : path + "." + key) + ": missing; allowed: " + p.allowed());
    }

    /** How a value is named in "got ...": numbers as written, text quoted, containers by kind. */
    String describe() {
        if (node.isNull() || (node.isTextual() && node.textValue().isEmpty())) return "no value";
        if (node.isNumber()) return node.asText();
        if (node.isTextual()) return "text '" + node.textValue() + "'";
        if (node.isBoolean()) return "the boolean " + node.asText();
        if (node.isArray()) return node.isEmpty() ? "an empty list" : "a list";
        if (node.isObject()) return node.isEmpty() ? "an empty map" : "a map";
        return node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    /**
     * The option nearest to {@code word} by edit distance, if near enough to be a typo: at most
     * two edits or a third of the word, whichever is more, and fewer edits than the word has
     * letters (so 'x' suggests nothing); null otherwise.
     */
    static String nearest(String word, Collection<String> options) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String option : options) {
            int d = editDistance(word.toLowerCase(Locale.ROOT), option.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = option;
            }
        }
        return bestDistance <= Math.max(2, word.length() / 3) && bestDistance < word.length() ? best : null;
    }

    /**
     * Levenshtein distance with adjacent transpositions counted as one edit (optimal string
     * alignment), since swapped letters ("depht") are the commonest typo.
     */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

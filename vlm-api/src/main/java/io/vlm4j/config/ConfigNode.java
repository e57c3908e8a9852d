package io.vlm4j.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.vlm4j.ConfigException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A read-only, path-aware view of one value in a JSON config file, so that families and plugins parse configs
 * without seeing Jackson.
 *
 * <p>Every node knows its file ({@link #source()}) and JSON path ({@link #path()}); every failed read throws a
 * {@link ConfigException} naming both, what was expected and what was found:
 * {@code config.json $.text_config.rope_scaling.factor: expected a number > 0, got "two"}. A key that is absent
 * gives a <em>missing</em> node (never {@code null}); the {@code getX(key, default)} readers treat missing and
 * JSON {@code null} alike, as HF's config classes do with their keyword defaults.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigNode {
    private static final ObjectMapper MAPPER = JsonMapper.builder(
                    JsonFactory.builder().enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build())
            .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS) // Python's json.dumps writes NaN / Infinity
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // json.loads rejects "Extra data" too
            .build();
    private static final int MAX_SHOWN_CHARS = 60;

    private final JsonNode node;
    private final String source;
    private final String path;

    private ConfigNode(JsonNode node, String source, String path) {
        this.node = node;
        this.source = source;
        this.path = path;
    }

    /**
     * Reads a JSON file.
     *
     * @throws ConfigException if the file is missing, unreadable or not valid JSON (the message names the file,
     *     line and column)
     */
    public static ConfigNode read(Path file) {
        String name = String.valueOf(file.getFileName());
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": file not found", e);
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, name);
    }

    /**
     * Parses JSON text; {@code source} names it in error messages (usually the file name).
     *
     * @throws ConfigException if the text is not one valid JSON value
     */
    public static ConfigNode parse(String json, String source) {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw new ConfigException(source + ": expected a JSON value, got an empty document");
            }
            return new ConfigNode(root, source, "$");
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new ConfigException(source + ": not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Wraps plain Java values ({@code Map<String, ?>}, {@code List<?>}, {@code String}, {@code Number},
     * {@code Boolean}, {@code null}) as a node, e.g. for defaults or command-line overrides.
     */
    public static ConfigNode of(Object value, String source) {
        JsonNode tree = MAPPER.valueToTree(value);
        return new ConfigNode(tree == null ? JsonNodeFactory.instance.nullNode() : tree, source, "$");
    }

    /**
     * Wraps plain Java values as a node that stands at {@code path} of {@code source}: a default sub-config that
     * HF builds when a key is absent keeps the place it would have had in the file.
     */
    static ConfigNode synthetic(Object value, String source, String path) {
        JsonNode tree = MAPPER.valueToTree(value);
        return new ConfigNode(tree == null ? JsonNodeFactory.instance.nullNode() : tree, source, path);
    }

    /** The name of the file (or other source) this node was read from. */
    public String source() {
        return source;
    }

    /** The JSON path of this node within its source, e.g. {@code $.text_config.rope_scaling}. */
    public String path() {
        return path;
    }

    /** {@code "config.json $.text_config"}: where this node is, for messages. */
    public String location() {
        return source + " " + path;
    }

    /** True if the key this node stands for is absent from its parent. */
    public boolean isMissing() {
        return node.isMissingNode();
    }

    /** True if the value is JSON {@code null}. */
    public boolean isNull() {
        return node.isNull();
    }

    /** True if the value is absent or JSON {@code null}. */
    public boolean isAbsent() {
        return node.isMissingNode() || node.isNull();
    }

    public boolean isObject() {
        return node.isObject();
    }

    public boolean isArray() {
        return node.isArray();
    }

    public boolean isString() {
        return node.isTextual();
    }

    public boolean isNumber() {
        return node.isNumber();
    }

    /** True for a JSON number without fraction or exponent. */
    public boolean isIntegral() {
        return node.isIntegralNumber();
    }

    public boolean isBoolean() {
        return node.isBoolean();
    }

    /** True if this is an object that has {@code key} (with any value, {@code null} included). */
    public boolean has(String key) {
        return node.isObject() && node.has(key);
    }

    /** The member {@code key} of this object; a missing node if absent or if this is not an object. */
    public ConfigNode get(String key) {
        JsonNode child = node.isObject() ? node.get(key) : null;
        return new ConfigNode(child == null ? MissingNode.getInstance() : child, source, childPath(key));
    }

    /** The element {@code index} of this array; a missing node if out of range or if this is not an array. */
    public ConfigNode get(int index) {
        JsonNode child = node.isArray() ? node.get(index) : null;
        return new ConfigNode(child == null ? MissingNode.getInstance() : child, source, path + "[" + index + "]");
    }

    /** The keys of this object in file order; empty if this is not an object. */
    public Set<String> keys() {
        if (!node.isObject()) {
            return Set.of();
        }
        Set<String> keys = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return Collections.unmodifiableSet(keys);
    }

    /** The elements of this array.
     *
     * @throws ConfigException if this is not an array
     */
    public List<ConfigNode> elements() {
        if (!node.isArray()) {
            throw error("an array");
        }
        List<ConfigNode> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(get(i));
        }
        return out;
    }

    /** The number of members or elements; 0 for scalars. */
    public int size() {
        return node.size();
    }

    /** This value as a string. @throws ConfigException if it is not a JSON string */
    public String asString() {
        if (!node.isTextual()) {
            throw error("a string");
        }
        return node.textValue();
    }

    /** This value as an int. @throws ConfigException if it is not a whole number within int range */
    public int asInt() {
        long value = asLong();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw error("an integer within int range");
        }
        return (int) value;
    }

    /** This value as a long. @throws ConfigException if it is not a whole number within long range */
    public long asLong() {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isFloatingPointNumber()) {
            double d = node.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 0x1p62) {
                return (long) d;
            }
        }
        throw error("an integer");
    }

    /** This value as a double. @throws ConfigException if it is not a number */
    public double asDouble() {
        if (!node.isNumber()) {
            throw error("a number");
        }
        return node.doubleValue();
    }

    /** This value as a boolean. @throws ConfigException if it is not {@code true} or {@code false} */
    public boolean asBoolean() {
        if (!node.isBoolean()) {
            throw error("true or false");
        }
        return node.booleanValue();
    }

    /** This array as ints. @throws ConfigException if it is not an array of whole numbers */
    public int[] asIntArray() {
        List<ConfigNode> elements = elements();
        int[] out = new int[elements.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = elements.get(i).asInt();
        }
        return out;
    }

    /** This array as doubles. @throws ConfigException if it is not an array of numbers */
    public double[] asDoubleArray() {
        List<ConfigNode> elements = elements();
        double[] out = new double[elements.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = elements.get(i).asDouble();
        }
        return out;
    }

    /** The string at {@code key}, or {@code defaultValue} if absent or null. */
    public String getString(String key, String defaultValue) {
        ConfigNode child = get(key);
        return child.isAbsent() ? defaultValue : child.asString();
    }

    /** The string at {@code key}, empty if absent or null. */
    public Optional<String> optString(String key) {
        ConfigNode child = get(key);
        return child.isAbsent() ? Optional.empty() : Optional.of(child.asString());
    }

    /** The int at {@code key}, or {@code defaultValue} if absent or null. */
    public int getInt(String key, int defaultValue) {
        ConfigNode child = get(key);
        return child.isAbsent() ? defaultValue : child.asInt();
    }

    /** The int at {@code key}, empty if absent or null. */
    public OptionalInt optInt(String key) {
        ConfigNode child = get(key);
        return child.isAbsent() ? OptionalInt.empty() : OptionalInt.of(child.asInt());
    }

    /** The number at {@code key}, or {@code defaultValue} if absent or null. */
    public double getDouble(String key, double defaultValue) {
        ConfigNode child = get(key);
        return child.isAbsent() ? defaultValue : child.asDouble();
    }

    /** The number at {@code key}, empty if absent or null. */
    public OptionalDouble optDouble(String key) {
        ConfigNode child = get(key);
        return child.isAbsent() ? OptionalDouble.empty() : OptionalDouble.of(child.asDouble());
    }

    /** The boolean at {@code key}, or {@code defaultValue} if absent or null. */
    public boolean getBoolean(String key, boolean defaultValue) {
        ConfigNode child = get(key);
        return child.isAbsent() ? defaultValue : child.asBoolean();
    }

    /**
     * This value as plain Java values: {@code LinkedHashMap<String, Object>} (file order), {@code ArrayList},
     * {@code String}, {@code Long} (or {@code BigInteger} beyond long) for numbers without fraction or exponent,
     * {@code Double} for the others, {@code Boolean}, and {@code null}; a missing node gives {@code null}.
     */
    public Object toJava() {
        return toJava(node);
    }

    private static Object toJava(JsonNode n) {
        switch (n.getNodeType()) {
            case OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    map.put(e.getKey(), toJava(e.getValue()));
                }
                return map;
            }
            case ARRAY: {
                List<Object> list = new ArrayList<>(n.size());
                n.forEach(e -> list.add(toJava(e)));
                return list;
            }
            case STRING:
                return n.textValue();
            case NUMBER:
                if (n.isIntegralNumber()) {
                    return n.canConvertToLong() ? (Object) n.longValue() : (Object) n.bigIntegerValue();
                }
                return n.doubleValue();
            case BOOLEAN:
                return n.booleanValue();
            default:
                return null;
        }
    }

    /** This value as compact JSON text ({@code null} for a missing node). */
    public String toJson() {
        return node.isMissingNode() ? "null" : node.toString();
    }

    /**
     * An error about this node in the standard form, for rules that {@link #error} cannot phrase:
     * {@code config.json $.text_config.num_key_value_heads: 3 does not divide num_attention_heads 8}.
     */
    public ConfigException invalid(String message) {
        return new ConfigException(location() + ": " + message);
    }

    /**
     * An error saying this node was expected to be {@code expected}:
     * {@code config.json $.a.b: expected a number > 0, got "two"}.
     */
    public ConfigException error(String expected) {
        return new ConfigException(location() + ": expected " + expected + ", got " + shown());
    }

    private String shown() {
        if (node.isMissingNode()) {
            return "nothing (the key is absent)";
        }
        String text = node.toString();
        return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + "…";
    }

    private String childPath(String key) {
        boolean plain = !key.isEmpty() && isIdentifierStart(key.charAt(0))
                && key.chars().allMatch(c -> isIdentifierStart(c) || (c >= '0' && c <= '9'));
        if (plain) {
            return path + "." + key;
        }
        return path + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    private static boolean isIdentifierStart(int c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Equal when the JSON values are equal (source and path are ignored). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigNode && ((ConfigNode) o).node.equals(node);
    }

    @Override
    public int hashCode() {
        return node.hashCode();
    }

    @Override
    public String toString() {
        return location() + " = " + shown();
    }
}

package io.vlm4j.processors.template;

import java.util.Map;

/**
 * Python dict lookups on insertion-ordered Java maps: keys compare as Python compares them ({@code 1}, {@code 1.0}
 * and {@code True} are one key), string keys take the direct path. Stateless.
 */
final class Dicts {
    /** Returned by {@link #get} when the key is absent. */
    static final Object ABSENT = new Object();

    private Dicts() {}

    static Object get(Map<Object, Object> map, Object key, Object absent) {
        Object v = map.get(key);
        if (v != null || map.containsKey(key)) {
            return v;
        }
        if (key instanceof String) {
            return absent;
        }
        for (Map.Entry<Object, Object> e : map.entrySet()) {
            if (Py.eq(e.getKey(), key)) {
                return e.getValue();
            }
        }
        return absent;
    }

    /** {@code map[key] = value}, keeping the first equal key as Python does; TypeError if unhashable. */
    static void put(Map<Object, Object> map, Object key, Object value) {
        Py.hashKey(key);
        if (key instanceof String || map.containsKey(key)) {
            map.put(key, value);
            return;
        }
        for (Map.Entry<Object, Object> e : map.entrySet()) {
            if (Py.eq(e.getKey(), key)) {
                e.setValue(value);
                return;
            }
        }
        map.put(key, value);
    }
}

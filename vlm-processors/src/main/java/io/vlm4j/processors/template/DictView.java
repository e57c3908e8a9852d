package io.vlm4j.processors.template;

import java.util.Map;

/** {@code dict.keys()}, {@code dict.values()} or {@code dict.items()}: a live view of a dict. Immutable. */
final class DictView {
    enum Kind {
        KEYS("dict_keys"), VALUES("dict_values"), ITEMS("dict_items");

        final String typeName;

        Kind(String typeName) {
            this.typeName = typeName;
        }
    }

    final Kind kind;
    final Map<Object, Object> map;

    DictView(Kind kind, Map<Object, Object> map) {
        this.kind = kind;
        this.map = map;
    }
}

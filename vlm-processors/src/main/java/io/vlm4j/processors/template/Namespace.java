package io.vlm4j.processors.template;

import java.util.LinkedHashMap;
import java.util.Map;

/** Jinja2's {@code namespace(...)}: attributes that {@code {% set ns.x = ... %}} may change. One render. */
final class Namespace {
    final Map<Object, Object> attrs = new LinkedHashMap<>();
}

package io.vlm4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.config.ConfigNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** vlm-api's public signatures name no library type (DESIGN: plugins inherit no Jackson, DJL, ONNX, JavaCV, Guice). */
class PublicApiTest {
    private static final List<String> BANNED_PREFIXES = List.of("com.fasterxml.", "ai.djl.", "ai.onnxruntime.",
            "org.bytedeco.", "com.google.inject.");

    @Test
    void noPublicSignatureOfVlmApiNamesALibraryType() throws Exception {
        List<Class<?>> classes = apiClasses();
        List<String> violations = new ArrayList<>();
        for (Class<?> c : classes) {
            violations.addAll(violations(c));
        }

        assertThat(classes).as("the scan finds vlm-api's classes").hasSizeGreaterThan(30)
                .contains(ConfigNode.class, VlmException.class);
        assertThat(violations).isEmpty();
    }

    /** A public type that leaks Jackson, to prove the scan sees each kind of signature. */
    public static class Leaky extends com.fasterxml.jackson.databind.node.TextNode {
        public com.fasterxml.jackson.databind.JsonNode field;

        public Leaky() {
            super("x");
        }

        public List<? extends com.fasterxml.jackson.core.JsonParser> parsers() {
            return List.of();
        }

        public void take(com.fasterxml.jackson.databind.ObjectMapper[] mappers) {}

        protected <T extends com.fasterxml.jackson.core.TreeNode> T bounded() {
            return null;
        }

        public void fail() throws com.fasterxml.jackson.core.JsonProcessingException {}

        @SuppressWarnings("unused")
        private com.fasterxml.jackson.databind.JsonNode hidden() {
            return null;
        }
    }

    @Test
    void theScanReportsEachKindOfLeakAndIgnoresPrivateMembers() {
        List<String> found = violations(Leaky.class);

        assertThat(found).anyMatch(v -> v.contains("superclass"))
                .anyMatch(v -> v.contains("field field"))
                .anyMatch(v -> v.contains("parsers") && v.contains("JsonParser"))
                .anyMatch(v -> v.contains("take") && v.contains("ObjectMapper"))
                .anyMatch(v -> v.contains("bounded") && v.contains("TreeNode"))
                .anyMatch(v -> v.contains("fail") && v.contains("JsonProcessingException"))
                .noneMatch(v -> v.contains("hidden"));
    }

    private static List<Class<?>> apiClasses() throws Exception {
        Path root = Path.of(ConfigNode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList())) {
                String name = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length());
                if (name.endsWith("package-info")) {
                    continue;
                }
                Class<?> c = Class.forName(name, false, PublicApiTest.class.getClassLoader());
                if (isVisible(c)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** Public top-level types, and public or protected types nested in visible ones. */
    private static boolean isVisible(Class<?> c) {
        if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
            return false;
        }
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            int m = k.getModifiers();
            boolean nested = k.getDeclaringClass() != null;
            if (!Modifier.isPublic(m) && !(nested && Modifier.isProtected(m))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> violations(Class<?> c) {
        List<String> out = new ArrayList<>();
        check(out, c.getName() + " superclass", c.getGenericSuperclass());
        for (Type t : c.getGenericInterfaces()) {
            check(out, c.getName() + " interface", t);
        }
        for (TypeVariable<?> v : c.getTypeParameters()) {
            check(out, c.getName() + " type parameter " + v.getName(), v);
        }
        for (Field f : c.getDeclaredFields()) {
            if (visible(f)) {
                check(out, c.getName() + " field " + f.getName(), f.getGenericType());
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (visible(k)) {
                checkExecutable(out, c.getName() + " constructor", k);
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (visible(m) && !m.isSynthetic()) {
                checkExecutable(out, c.getName() + " method " + m.getName(), m);
                check(out, c.getName() + " method " + m.getName() + " returns", m.getGenericReturnType());
            }
        }
        return out;
    }

    private static boolean visible(Member m) {
        return Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers());
    }

    private static void checkExecutable(List<String> out, String where, Executable e) {
        for (Type t : e.getGenericParameterTypes()) {
            check(out, where + " parameter", t);
        }
        for (Type t : e.getGenericExceptionTypes()) {
            check(out, where + " throws", t);
        }
        for (TypeVariable<?> v : e.getTypeParameters()) {
            check(out, where + " type parameter " + v.getName(), v);
        }
    }

    private static void check(List<String> out, String where, Type type) {
        Set<String> names = new HashSet<>();
        collect(type, names, new HashSet<>());
        for (String n : names) {
            if (BANNED_PREFIXES.stream().anyMatch(n::startsWith)) {
                out.add(where + ": " + n);
            }
        }
    }

    private static void collect(Type type, Set<String> names, Set<Type> seen) {
        if (type == null || !seen.add(type)) {
            return;
        }
        if (type instanceof Class) {
            Class<?> c = (Class<?>) type;
            while (c.isArray()) {
                c = c.getComponentType();
            }
            names.add(c.getName());
        } else if (type instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) type;
            collect(p.getRawType(), names, seen);
            collect(p.getOwnerType(), names, seen);
            for (Type a : p.getActualTypeArguments()) {
                collect(a, names, seen);
            }
        } else if (type instanceof WildcardType) {
            for (Type b : ((WildcardType) type).getUpperBounds()) {
                collect(b, names, seen);
            }
            for (Type b : ((WildcardType) type).getLowerBounds()) {
                collect(b, names, seen);
            }
        } else if (type instanceof GenericArrayType) {
            collect(((GenericArrayType) type).getGenericComponentType(), names, seen);
        } else if (type instanceof TypeVariable) {
            for (Type b : ((TypeVariable<?>) type).getBounds()) {
                collect(b, names, seen);
            }
        }
    }
}

package io.vlm4j.processors.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits text on added tokens as the {@code Trie} of HF's {@code tokenization_utils.py} does: one left-to-right
 * pass that cuts at the earliest-starting match, taking the longest token from there (with that class's lookahead,
 * quirks included), and never returns empty pieces.
 *
 * <p>Immutable after construction; thread-safe.
 */
final class Trie {
    private static final class Node {
        final Map<Character, Node> children = new HashMap<>(4);
        boolean terminal;
    }

    private final Node root = new Node();

    Trie(Iterable<String> words) {
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            Node node = root;
            for (int i = 0; i < w.length(); i++) {
                node = node.children.computeIfAbsent(w.charAt(i), c -> new Node());
            }
            node.terminal = true;
        }
    }

    /** The pieces of {@code text}: the added tokens found and the text between them. */
    List<String> split(String text) {
        if (root.children.isEmpty()) {
            return text.isEmpty() ? List.of() : List.of(text);
        }
        LinkedHashMap<Integer, Node> states = new LinkedHashMap<>();
        List<Integer> offsets = new ArrayList<>();
        offsets.add(0);
        int skip = 0;
        int n = text.length();
        for (int current = 0; current < n; current++) {
            if (skip != 0 && current < skip) {
                continue;
            }
            char currentChar = text.charAt(current);
            List<Integer> toRemove = new ArrayList<>();
            boolean reset = false;
            for (Iterator<Map.Entry<Integer, Node>> it = states.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Integer, Node> state = it.next();
                int start = state.getKey();
                Node pointer = state.getValue();
                if (pointer.terminal) {
                    int end = current;
                    for (Map.Entry<Integer, Node> look : states.entrySet()) {
                        int lookStart = look.getKey();
                        Node lookPointer = look.getValue();
                        int lookahead;
                        if (lookStart > start) {
                            break;
                        } else if (lookStart < start) {
                            lookahead = current + 1;
                            end = current + 1;
                        } else {
                            lookahead = current;
                            end = current;
                        }
                        int nextChar = lookahead < n ? text.charAt(lookahead) : -1;
                        if (lookPointer.terminal) {
                            start = lookStart;
                            end = lookahead;
                            skip = lookahead;
                        }
                        while (nextChar >= 0 && lookPointer.children.containsKey((char) nextChar)) {
                            lookPointer = lookPointer.children.get((char) nextChar);
                            lookahead++;
                            if (lookPointer.terminal) {
                                start = lookStart;
                                end = lookahead;
                                skip = lookahead;
                            }
                            if (lookahead == n) {
                                break;
                            }
                            nextChar = text.charAt(lookahead);
                        }
                    }
                    offsets.add(start);
                    offsets.add(end);
                    reset = true;
                    break;
                } else if (pointer.children.containsKey(currentChar)) {
                    state.setValue(pointer.children.get(currentChar));
                } else {
                    toRemove.add(start);
                }
            }
            if (reset) {
                states.clear();
            } else {
                for (int start : toRemove) {
                    states.remove(start);
                }
            }
            if (current >= skip && root.children.containsKey(currentChar)) {
                states.put(current, root.children.get(currentChar));
            }
        }
        for (Map.Entry<Integer, Node> state : states.entrySet()) {
            if (state.getValue().terminal) {
                offsets.add(state.getKey());
                offsets.add(n);
                break;
            }
        }
        return cut(text, offsets);
    }

    private static List<String> cut(String text, List<Integer> offsets) {
        offsets.add(text.length());
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int end : offsets) {
            if (start >= end) {
                continue;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }
}

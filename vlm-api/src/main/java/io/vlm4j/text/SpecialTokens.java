package io.vlm4j.text;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tokenizer's special tokens as HF's {@code special_tokens_map} gives them: the set ones of
 * {@code bos_token eos_token unk_token sep_token pad_token cls_token mask_token} and
 * {@code additional_special_tokens}.
 *
 * @param named the named tokens that are set, in HF's order ({@code bos_token} → {@code "<s>"})
 * @param additional {@code additional_special_tokens}, possibly empty
 */
public record SpecialTokens(Map<String, String> named, List<String> additional) {
    public SpecialTokens {
        named = Collections.unmodifiableMap(new LinkedHashMap<>(named));
        additional = List.copyOf(additional);
    }

    /** The token of a name ({@code "eos_token"}), if set. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(named.get(name));
    }

    /** The variables a chat template receives: the named tokens, and {@code additional_special_tokens} if any. */
    public Map<String, Object> asTemplateVariables() {
        Map<String, Object> vars = new LinkedHashMap<>(named);
        if (!additional.isEmpty()) {
            vars.put("additional_special_tokens", additional);
        }
        return vars;
    }
}

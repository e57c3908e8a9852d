package io.vlm4j.models.llama;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.config.LlamaConfig;
import io.vlm4j.config.ModelConfigs;
import io.vlm4j.config.MultimodalConfig;
import io.vlm4j.config.Qwen2Config;
import io.vlm4j.config.TextConfig;
import io.vlm4j.model.CausalLanguageModel;
import io.vlm4j.model.Weights;
import io.vlm4j.models.qwen2.Qwen2ForCausalLM;
import io.vlm4j.runtime.Registries;
import io.vlm4j.safetensors.SafeTensors;
import io.vlm4j.spi.BackendOptions;
import io.vlm4j.tensor.Backend;
import io.vlm4j.testkit.GoldenData;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The language models of the golden checkpoints on the DJL backend (found by id, as production finds it),
 * loaded once per test JVM and shared by the tests (which is itself a use of the models' thread safety). One
 * PyTorch thread: the models are tiny, and on a shared machine OpenMP's spinning threads only add waiting.
 */
final class GoldenLanguageModels {
    private static final Map<String, CausalLanguageModel> MODELS = new ConcurrentHashMap<>();
    private static volatile Backend backend;

    private GoldenLanguageModels() {}

    static synchronized Backend backend() {
        if (backend == null) {
            backend = Registries.defaults().backends().find("djl").orElseThrow().create(new BackendOptions("cpu", 1));
        }
        return backend;
    }

    /** The family's {@code text_config}, parsed as AutoConfig parses it. */
    static TextConfig config(String family) {
        ConfigNode root = ConfigNode.read(GoldenData.model(family).resolve("config.json"));
        return ((MultimodalConfig) ModelConfigs.parse(root)).textConfig();
    }

    static CausalLanguageModel model(String family) {
        return MODELS.computeIfAbsent(family, GoldenLanguageModels::load);
    }

    private static CausalLanguageModel load(String family) {
        Path dir = GoldenData.model(family);
        TextConfig config = config(family);
        try (SafeTensors file = SafeTensors.open(dir)) {
            Weights weights = Weights.of(file, backend().newScope()).under("language_model");
            return config instanceof Qwen2Config ? Qwen2ForCausalLM.load((Qwen2Config) config, weights)
                    : LlamaForCausalLM.load((LlamaConfig) config, weights);
        }
    }
}

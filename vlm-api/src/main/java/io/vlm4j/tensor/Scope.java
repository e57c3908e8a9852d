package io.vlm4j.tensor;

import java.util.List;

/**
 * The tensor SPI: a region of native memory that owns the tensors made in it, and the operations that make them.
 *
 * <p><b>Ownership.</b> Every operation's result belongs to the scope it was called on, whatever scopes its
 * operands belong to. Scopes nest ({@link #newScope()}) as backend ⊃ model weights ⊃ one generation (its KV
 * cache) ⊃ one decode step: closing a scope frees its tensors and closes its children; a result that must
 * outlive its scope moves out with {@link Tensor#moveTo}. Scopes are passed explicitly, never ambient.
 *
 * <p><b>The operations</b> are a small closed set with PyTorch's semantics and names, so that architecture code
 * reads like its HF file. Shapes are given in HF's words ({@code [batch, seq_len, hidden_size]}); binary
 * elementwise operations broadcast as PyTorch (NumPy) does; "last dimension" is {@code -1}; negative dimension
 * indices count from the end. Floating-point results are F32. Operations never read tensor values to decide
 * shapes, so a graph backend can trace the same calls; every shape-deciding number is a Java int argument.
 * A bad shape or dtype is an {@link IllegalArgumentException} naming the operation, the operand and both shapes.
 *
 * <p><b>Threads.</b> Operations on one scope are called from one thread at a time; {@link #newScope()} and
 * {@link #close()} are thread-safe, so a shared model scope can give every generating thread its own child.
 * Operands may belong to scopes other threads use (weights), as long as nobody closes them meanwhile.
 */
public interface Scope extends AutoCloseable {

    // ---------------------------------------------------------------------------------------------------------
    // Lifetime

    /** The backend this scope belongs to. */
    Backend backend();

    /** A new child scope: closed with this one at the latest. Thread-safe. */
    Scope newScope();

    /** True once closed. */
    boolean isClosed();

    /** Frees every tensor of this scope and closes its children. Idempotent; throws nothing. Thread-safe. */
    @Override
    void close();

    // ---------------------------------------------------------------------------------------------------------
    // Creation

    /**
     * Uploads a host tensor: F32, F16, BF16 and F64 become F32 (converted in Java, exactly for the 16-bit types);
     * I64, I32, I16, I8 and U8 become I64; BOOL stays BOOL. The host data is copied (weights once, at load).
     */
    Tensor upload(HostTensor host);

    /** F32 values of the given shape (copied). */
    default Tensor constant(float[] values, int... shape) {
        return upload(HostTensor.ofFloats(values, shape));
    }

    /** I64 values of the given shape (copied). */
    default Tensor constant(long[] values, int... shape) {
        return upload(HostTensor.ofLongs(values, shape));
    }

    /** A tensor of zeros: {@code torch.zeros(shape, dtype)}; dtype F32, I64 or BOOL. */
    Tensor zeros(DType dtype, int... shape);

    /** F32 filled with {@code value}: {@code torch.full(shape, value)}. */
    Tensor full(float value, int... shape);

    /** I64 {@code [end - start]}: {@code torch.arange(start, end)}. */
    Tensor arange(long start, long end);

    /** The same values as another type: {@code x.to(dtype)}; dtype F32, I64 or BOOL (nonzero → true). */
    Tensor cast(Tensor x, DType dtype);

    // ---------------------------------------------------------------------------------------------------------
    // Elementwise (broadcasting)

    /** {@code a + b}. */
    Tensor add(Tensor a, Tensor b);

    /** {@code a - b}. */
    Tensor sub(Tensor a, Tensor b);

    /** {@code a * b}. */
    Tensor mul(Tensor a, Tensor b);

    /** {@code a / b} (true division). */
    Tensor div(Tensor a, Tensor b);

    /** {@code a + value}. */
    Tensor add(Tensor a, double value);

    /** {@code a * value}. */
    Tensor mul(Tensor a, double value);

    /** {@code a / value}. */
    Tensor div(Tensor a, double value);

    /** {@code a ** exponent}. */
    Tensor pow(Tensor a, double exponent);

    /** {@code -a}. */
    Tensor neg(Tensor a);

    /** {@code torch.exp(a)}. */
    Tensor exp(Tensor a);

    /** {@code torch.log(a)}. */
    Tensor log(Tensor a);

    /** {@code torch.sqrt(a)}. */
    Tensor sqrt(Tensor a);

    /** {@code torch.rsqrt(a)}: {@code 1 / sqrt(a)}. */
    Tensor rsqrt(Tensor a);

    /** {@code torch.tanh(a)}. */
    Tensor tanh(Tensor a);

    /** {@code torch.sigmoid(a)}. */
    Tensor sigmoid(Tensor a);

    /** {@code torch.sin(a)}. */
    Tensor sin(Tensor a);

    /** {@code torch.cos(a)}. */
    Tensor cos(Tensor a);

    /** {@code torch.where(condition, a, b)}; condition BOOL. */
    Tensor where(Tensor condition, Tensor a, Tensor b);

    /** {@code a == value} as BOOL (an I64 {@code input_ids == image_token_index}). */
    Tensor eq(Tensor a, double value);

    // ---------------------------------------------------------------------------------------------------------
    // Activations (HF's ACT2FN)

    /** {@code silu}: {@code x * sigmoid(x)} (HF {@code "silu"}). */
    Tensor silu(Tensor x);

    /** Exact GELU: {@code x * 0.5 * (1 + erf(x / sqrt(2)))} (HF {@code "gelu"}). */
    Tensor gelu(Tensor x);

    /**
     * GELU, tanh approximation: {@code 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))} (HF
     * {@code "gelu_pytorch_tanh"}, {@code F.gelu(x, approximate="tanh")}).
     */
    Tensor geluTanh(Tensor x);

    /** {@code x * sigmoid(1.702 * x)} (HF {@code "quick_gelu"}). */
    Tensor quickGelu(Tensor x);

    // ---------------------------------------------------------------------------------------------------------
    // Reductions

    /** {@code x.mean(dim, keepdim)}. */
    Tensor mean(Tensor x, int dim, boolean keepDim);

    /** {@code x.sum(dim, keepdim)}. */
    Tensor sum(Tensor x, int dim, boolean keepDim);

    /** {@code softmax(x, dim)}, computed in float32. */
    Tensor softmax(Tensor x, int dim);

    /** {@code torch.logsumexp(x, dim)}: the dimension is removed. */
    Tensor logSumExp(Tensor x, int dim);

    /** I64 {@code x.argmax(dim)} (the first maximum on ties): the dimension is removed. */
    Tensor argmax(Tensor x, int dim);

    /**
     * {@code torch.topk(x, k, dim)}: the {@code k} largest values along {@code dim}, sorted descending, and their
     * I64 indices; both have {@code x}'s shape with {@code dim} of size {@code k}.
     */
    TopK topk(Tensor x, int k, int dim);

    // ---------------------------------------------------------------------------------------------------------
    // Linear algebra

    /** {@code torch.matmul(a, b)}: batched over the leading dimensions, which broadcast. */
    Tensor matmul(Tensor a, Tensor b);

    /**
     * {@code F.linear(x, weight, bias)}: {@code x [..., in_features]}, {@code weight [out_features, in_features]},
     * {@code bias [out_features]} or null → {@code [..., out_features]}.
     */
    Tensor linear(Tensor x, Tensor weight, Tensor bias);

    /** {@code F.embedding(ids, weight)}: I64 {@code ids [...]}, {@code weight [num, dim]} → {@code [..., dim]}. */
    Tensor embedding(Tensor ids, Tensor weight);

    // ---------------------------------------------------------------------------------------------------------
    // Normalization

    /**
     * HF's {@code LlamaRMSNorm}: {@code weight * (x * rsqrt(mean(x^2, -1, keepdim) + eps))} over the last
     * dimension; {@code weight [hidden_size]}.
     */
    Tensor rmsNorm(Tensor x, Tensor weight, double eps);

    /** {@code F.layer_norm(x, [hidden_size], weight, bias, eps)} over the last dimension. */
    Tensor layerNorm(Tensor x, Tensor weight, Tensor bias, double eps);

    // ---------------------------------------------------------------------------------------------------------
    // Attention

    /**
     * The inverse frequencies of rotary embeddings, as HF's {@code _compute_default_rope_parameters} (and, for a
     * {@code linearFactor} other than 1, {@code _compute_linear_scaling_rope_parameters}) compute them:
     * F32 {@code [dim / 2]} = {@code 1 / (rope_theta ** (arange(0, dim, 2) / dim)) / linearFactor}.
     *
     * @param dim the rotated dimensions ({@code head_dim}), even
     * @param ropeTheta {@code rope_theta}
     * @param linearFactor {@code rope_scaling.factor} of linear scaling, 1 for none
     */
    Tensor rotaryInvFreq(int dim, double ropeTheta, double linearFactor);

    /**
     * HF's {@code LlamaRotaryEmbedding.forward}: {@code freqs = inv_freq ⊗ position_ids},
     * {@code emb = cat(freqs, freqs, -1)}, cos and sin of {@code emb} — each F32 {@code [batch, seq_len, dim]} —
     * for I64 {@code positionIds [batch, seq_len]} and {@code invFreq [dim / 2]}.
     */
    RotaryCosSin rotaryCosSin(Tensor invFreq, Tensor positionIds);

    /**
     * HF's {@code apply_rotary_pos_emb} for one tensor: {@code x * cos + rotate_half(x) * sin} for
     * {@code x [batch, heads, seq_len, head_dim]} and cos/sin {@code [batch, seq_len, head_dim]} (unsqueezed at 1).
     */
    Tensor applyRotaryPosEmb(Tensor x, RotaryCosSin cosSin);

    /**
     * An additive attention mask F32 {@code [batch, 1, query_length, target_length]} as HF's
     * {@code _prepare_4d_causal_attention_mask_with_cache_position} builds it from a 2-D mask: 0 where query
     * {@code i} (at cache position {@code pastLength + i}) may attend key {@code j}, the float32 minimum where
     * {@code j > pastLength + i} (causal), where {@code attentionMask[b, j] == 0} (padding) or, with a sliding
     * window {@code w > 0}, where {@code j <= pastLength + i - w}.
     *
     * @param attentionMask I64 or BOOL {@code [batch, target_length]}, 1 for tokens to attend, 0 for padding;
     *     null for none (all tokens attended; then {@code batch} is 1)
     * @param queryLength {@code query_length}
     * @param pastLength tokens already in the KV cache; {@code target_length = pastLength + queryLength}
     * @param slidingWindow the window, 0 for none
     */
    Tensor causalMask(Tensor attentionMask, int queryLength, int pastLength, int slidingWindow);

    /**
     * Eager scaled-dot-product attention with grouped KV heads, as HF's {@code LlamaAttention} computes it
     * ({@code repeat_kv}, {@code softmax(q·kᵀ·scale + mask) · v}, softmax in float32):
     * {@code query [batch, num_heads, q_len, head_dim]}, {@code key}/{@code value
     * [batch, num_key_value_heads, kv_len, head_dim]} with {@code num_heads} a multiple of
     * {@code num_key_value_heads} (head {@code h} reads KV head {@code h / (num_heads / num_key_value_heads)}),
     * {@code mask} additive {@code [batch or 1, 1, q_len, kv_len]} or null → {@code [batch, num_heads, q_len,
     * head_dim]}.
     */
    Tensor scaledDotProductAttention(Tensor query, Tensor key, Tensor value, Tensor mask, double scale);

    /**
     * The KV-cache append: writes {@code states [batch, num_key_value_heads, q_len, head_dim]} into the
     * preallocated {@code cache [batch, num_key_value_heads, max_length, head_dim]} at positions
     * {@code [position, position + q_len)} of dimension 2, in place, and returns the filled part
     * {@code cache[:, :, :position + q_len]} (a view, no copy where the backend allows). The cache is the one
     * tensor the SPI mutates; it must come from {@link #zeros}.
     */
    Tensor kvCacheUpdate(Tensor cache, Tensor states, int position);

    // ---------------------------------------------------------------------------------------------------------
    // Shapes and indexing

    /** {@code x.reshape(shape)}; one dimension may be -1. */
    Tensor reshape(Tensor x, int... shape);

    /** {@code x.permute(dims)}. */
    Tensor permute(Tensor x, int... dims);

    /** {@code x.transpose(dim0, dim1)}. */
    Tensor transpose(Tensor x, int dim0, int dim1);

    /** {@code x.unsqueeze(dim)}. */
    default Tensor unsqueeze(Tensor x, int dim) {
        int[] s = x.shape();
        int d = dim < 0 ? dim + s.length + 1 : dim;
        int[] out = new int[s.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) {
            out[i] = i == d ? 1 : s[j++];
        }
        return reshape(x, out);
    }

    /** {@code x.expand(shape)}: dimensions of size 1 repeat (a view where the backend allows); -1 keeps one. */
    Tensor expand(Tensor x, int... shape);

    /** {@code torch.cat(tensors, dim)}. */
    Tensor cat(List<Tensor> tensors, int dim);

    /** {@code x.narrow(dim, start, end - start)}: {@code x[..., start:end, ...]} along {@code dim}. */
    Tensor slice(Tensor x, int dim, int start, int end);

    /** {@code torch.index_select(x, dim, index)} for I64 {@code index [n]}. */
    Tensor indexSelect(Tensor x, int dim, Tensor index);

    /** {@code torch.gather(x, dim, index)} for I64 {@code index} of {@code x}'s rank. */
    Tensor gather(Tensor x, int dim, Tensor index);

    /**
     * HF's {@code inputs_embeds.masked_scatter(mask.unsqueeze(-1).expand_as(inputs_embeds), features)}: a copy of
     * {@code x [..., dim]} whose rows (last-dimension vectors) selected by BOOL {@code mask [...]} (x's shape
     * without its last dimension) are replaced, in row-major order, by the rows of {@code source [n, dim]};
     * {@code n} must equal the number of selected rows (callers know it as a Java int: the placeholder count).
     */
    Tensor maskedScatter(Tensor x, Tensor mask, Tensor source);

    // ---------------------------------------------------------------------------------------------------------
    // Vision

    /**
     * {@code F.conv2d(x, weight, bias, stride, padding)}: {@code x [batch, in_channels, height, width]},
     * {@code weight [out_channels, in_channels, kernel_h, kernel_w]}, {@code bias [out_channels]} or null →
     * {@code [batch, out_channels, out_h, out_w]}.
     */
    Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int strideH, int strideW, int paddingH, int paddingW);

    /**
     * {@code F.interpolate(x, size=(height, width), mode="bilinear", align_corners=False)} for
     * {@code x [batch, channels, in_h, in_w]} → {@code [batch, channels, height, width]}.
     */
    Tensor interpolateBilinear(Tensor x, int height, int width);

    /**
     * {@code F.avg_pool2d(x, kernel, stride)} (no padding, {@code ceil_mode=False}) for
     * {@code x [batch, channels, h, w]}.
     */
    Tensor avgPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW);
}

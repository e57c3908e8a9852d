package io.vlm4j.backend.djl;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.vlm4j.tensor.DType;
import io.vlm4j.tensor.HostTensor;
import io.vlm4j.tensor.RotaryCosSin;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import io.vlm4j.tensor.TopK;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A scope of the DJL backend: a DJL {@code PtNDManager} and the {@link DjlTensor}s made in it.
 *
 * <p>Each operation calls PyTorch through DJL's {@code JniUtils} (one JNI call per PyTorch op, 1–2 µs each), then
 * attaches the result to this scope's manager. Composite operations (RMSNorm, rotary embeddings, attention, the
 * causal mask) are written as the PyTorch ops HF's code runs, in HF's order, so that the float32 results round as
 * HF's do; their intermediates are closed before the operation returns. A PyTorch error becomes an
 * {@link IllegalArgumentException} naming the operation and its operands' shapes.
 */
final class DjlScope implements Scope {
    /** {@code torch.finfo(torch.float32).min}: HF's masked value. */
    private static final float FLOAT32_MIN = -Float.MAX_VALUE;
    /** The most bytes {@link #upload} writes through one direct buffer (DJL's limit is 2 GB). */
    private static final long MAX_UPLOAD_BLOCK_BYTES = 1L << 30;
    /** The most attention scores (floats) one query chunk of {@link #scaledDotProductAttention} holds. */
    private static final long MAX_SCORES = 1L << 24;

    private final DjlBackend backend;
    private final DjlScope parent;
    private final PtNDManager manager;
    private final Set<DjlTensor> tensors = ConcurrentHashMap.newKeySet();
    private final Set<DjlScope> children = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    DjlScope(DjlBackend backend, DjlScope parent, PtNDManager manager) {
        this.backend = backend;
        this.parent = parent;
        this.manager = manager;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Lifetime

    @Override
    public DjlBackend backend() {
        return backend;
    }

    @Override
    public Scope newScope() {
        checkOpen();
        DjlScope child = new DjlScope(backend, this, manager.newSubManager(backend.djlDevice()));
        children.add(child);
        if (closed.get()) {
            child.close();
            checkOpen();
        }
        return child;
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("scope is closed");
        }
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        RuntimeException failure = null;
        for (DjlScope child : new ArrayList<>(children)) {
            failure = closeQuietly(child, failure);
        }
        for (DjlTensor t : new ArrayList<>(tensors)) {
            failure = closeQuietly(t, failure);
        }
        // frees whatever DJL itself attached to this manager
        failure = closeQuietly(manager, failure);
        if (parent != null) {
            parent.children.remove(this);
        } else {
            backend.scopeClosed(this);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException closeQuietly(AutoCloseable c, RuntimeException failure) {
        try {
            c.close();
        } catch (Exception e) {
            RuntimeException r = e instanceof RuntimeException ? (RuntimeException) e : new IllegalStateException(e);
            if (failure == null) {
                return r;
            }
            failure.addSuppressed(r);
        }
        return failure;
    }

    /** Takes ownership of a tensor moving in from another scope. */
    void adopt(DjlTensor t) {
        checkOpen();
        t.array().attach(manager);
        tensors.add(t);
    }

    /** Forgets a tensor that moved out. */
    void forget(DjlTensor t) {
        tensors.remove(t);
    }

    /** Accounts for a tensor that was closed. */
    void released(DjlTensor t) {
        tensors.remove(t);
        backend.freed(t.bytes());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Plumbing

    private Tensor wrap(PtNDArray array) {
        return wrap(array, null, null);
    }

    private Tensor wrap(PtNDArray array, DType type, int[] shape) {
        if (closed.get()) {
            array.close();
            checkOpen();
        }
        if (array.getManager() != manager) {
            array.attach(manager);
        }
        DjlTensor t = new DjlTensor(this, array, type, shape);
        tensors.add(t);
        backend.allocated(t.bytes());
        return t;
    }

    private DjlTensor check(Tensor t, String op, String operand) {
        if (t == null) {
            throw new IllegalArgumentException(op + ": " + operand + " is null");
        }
        if (!(t instanceof DjlTensor) || ((DjlTensor) t).djlScope().backend() != backend) {
            throw new IllegalArgumentException(op + ": " + operand + " belongs to another backend: " + t);
        }
        DjlTensor d = (DjlTensor) t;
        if (d.isClosed()) {
            throw new IllegalStateException(op + ": " + operand + " " + d.describe() + " is closed");
        }
        return d;
    }

    private PtNDArray nd(Tensor t, String op, String operand) {
        return check(t, op, operand).array();
    }

    /** Runs a PyTorch call, turning its errors into ones that name the operation and the operands' shapes. */
    private Tensor run(String op, Supplier<PtNDArray> call, Tensor... operands) {
        return run(op, null, null, call, operands);
    }

    /** {@link #run(String, Supplier, Tensor...)} for a result of known type and shape (null: ask PyTorch). */
    private Tensor run(String op, DType type, int[] shape, Supplier<PtNDArray> call, Tensor... operands) {
        checkOpen();
        PtNDArray result;
        try {
            result = call.get();
        } catch (EngineException e) {
            throw new IllegalArgumentException(op + " of " + describe(operands) + ": " + firstLine(e.getMessage()), e);
        }
        return wrap(result, type, shape);
    }

    private static String describe(Tensor... operands) {
        StringBuilder sb = new StringBuilder();
        for (Tensor t : operands) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(t == null ? "null" : t.dtype() + Arrays.toString(t.shape()));
        }
        return sb.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "PyTorch error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private PtNDArray scalar(double value) {
        return backend.scalar(value, DataType.FLOAT32, manager);
    }

    private PtNDArray scalarLike(PtNDArray like, double value) {
        DataType type = like.getDataType() == DataType.INT64 && value == Math.rint(value) ? DataType.INT64
                : DataType.FLOAT32;
        return backend.scalar(value, type, manager);
    }

    /** A broadcasting two-operand PyTorch op; {@code type} null for the operands' promoted type. */
    private Tensor binary(String op, Tensor a, Tensor b, DType type, java.util.function.BinaryOperator<PtNDArray> f) {
        PtNDArray x = nd(a, op, "a");
        PtNDArray y = nd(b, op, "b");
        DType result = type != null ? type : Shapes.promote(a.dtype(), b.dtype());
        return run(op, result, Shapes.broadcast(op, Shapes.of(a), Shapes.of(b)), () -> f.apply(x, y), a, b);
    }

    /** A one-operand PyTorch op whose result has {@code a}'s shape. */
    private Tensor elementwise(String op, Tensor a, DType type, java.util.function.UnaryOperator<PtNDArray> f) {
        PtNDArray x = nd(a, op, "a");
        return run(op, type, Shapes.of(a), () -> f.apply(x), a);
    }

    /** The type of {@code a op value}: I64 stays I64 for an integral value, as {@link #scalarLike} makes it. */
    private static DType scalarType(Tensor a, double value) {
        return a.dtype() == DType.I64 && value == Math.rint(value) ? DType.I64 : DType.F32;
    }

    private static long[] longs(int... values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static int axis(int dim, int rank, String op) {
        int d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= rank) {
            throw new IllegalArgumentException(op + ": dimension " + dim + " out of range for rank " + rank);
        }
        return d;
    }

    /** Closes intermediates of a composite operation. */
    private static void free(PtNDArray... arrays) {
        for (PtNDArray a : arrays) {
            if (a != null) {
                a.close();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Creation

    @Override
    public Tensor upload(HostTensor host) {
        return upload(host, MAX_UPLOAD_BLOCK_BYTES);
    }

    /** {@link #upload(HostTensor)} through direct buffers of at most {@code blockBytes} (tests use small ones). */
    Tensor upload(HostTensor host, long blockBytes) {
        checkOpen();
        DType target = host.dtype().isFloatingPoint() ? DType.F32 : host.dtype() == DType.BOOL ? DType.BOOL : DType.I64;
        DataType type = DjlTensor.toDataType(target);
        int[] dims = host.shape();
        PtNDArray cpu = JniUtils.createEmptyNdArray(manager, new Shape(longs(dims)), type, Device.cpu(),
                SparseFormat.DENSE);
        try {
            if (host.numel() > 0) {
                // the tensor's own memory, written in place (nothing left for the GC), in blocks of leading-dimension
                // rows: a direct buffer over native memory holds at most 2 GB, and Qwen2-7B's embeddings are 2.2 GB
                long rowElements = dims.length == 0 ? 1 : host.numel() / dims[0];
                long rowsPerBlock = Math.max(1, blockBytes / Math.max(1, rowElements * target.byteSize()));
                int rows = dims.length == 0 ? 1 : dims[0];
                for (long start = 0; start < rows; start += rowsPerBlock) {
                    int end = (int) Math.min(rows, start + rowsPerBlock);
                    PtNDArray block = dims.length == 0 || (start == 0 && end == rows) ? cpu
                            : JniUtils.slice(cpu, 0, start, end, 1);
                    try {
                        write(rows(host, (int) start, end), target, JniUtils.getByteBuffer(block, true));
                    } finally {
                        if (block != cpu) {
                            block.close();
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            cpu.close();
            throw e;
        }
        if (!backend.djlDevice().isGpu()) {
            return wrap(cpu, target, dims);
        }
        try {
            return wrap(JniUtils.to(cpu, type, backend.djlDevice()), target, dims);
        } finally {
            cpu.close();
        }
    }

    /** Rows {@code [start, end)} of the leading dimension of {@code host} (all of a 0-dimensional one). */
    private static HostTensor rows(HostTensor host, int start, int end) {
        int[] dims = host.shape();
        if (dims.length == 0 || (start == 0 && end == dims[0])) {
            return host;
        }
        long rowBytes = host.byteSize() / dims[0];
        ByteBuffer data = host.data();
        data.position(Math.toIntExact(start * rowBytes)).limit(Math.toIntExact(end * rowBytes));
        dims[0] = end - start;
        return HostTensor.of(host.dtype(), dims, data);
    }

    private static void write(HostTensor host, DType target, ByteBuffer dst) {
        dst.order(ByteOrder.nativeOrder());
        switch (target) {
            case F32:
                Upcast.copyFloats(host, dst);
                break;
            case I64:
                dst.asLongBuffer().put(host.toLongs());
                break;
            default:
                dst.put(host.data());
        }
    }


    @Override
    public Tensor zeros(DType dtype, int... shape) {
        DataType type = DjlTensor.toDataType(dtype);
        return run("zeros", () -> JniUtils.createZerosNdArray(manager, new Shape(longs(shape)), type,
                backend.djlDevice(), SparseFormat.DENSE));
    }

    @Override
    public Tensor full(float value, int... shape) {
        return run("full", () -> JniUtils.full(manager, new Shape(longs(shape)), value, DataType.FLOAT32,
                backend.djlDevice(), SparseFormat.DENSE));
    }

    @Override
    public Tensor arange(long start, long end) {
        long[] values = new long[Math.toIntExact(Math.max(0, end - start))];
        for (int i = 0; i < values.length; i++) {
            values[i] = start + i;
        }
        return upload(HostTensor.ofLongs(values, values.length));
    }

    @Override
    public Tensor cast(Tensor x, DType dtype) {
        PtNDArray a = nd(x, "cast", "x");
        DataType type = DjlTensor.toDataType(dtype);
        return run("cast", () -> JniUtils.to(a, type, backend.djlDevice()), x);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Elementwise

    @Override
    public Tensor add(Tensor a, Tensor b) {
        return binary("add", a, b, null, JniUtils::add);
    }

    @Override
    public Tensor sub(Tensor a, Tensor b) {
        return binary("sub", a, b, null, JniUtils::sub);
    }

    @Override
    public Tensor mul(Tensor a, Tensor b) {
        return binary("mul", a, b, null, JniUtils::mul);
    }

    @Override
    public Tensor div(Tensor a, Tensor b) {
        return binary("div", a, b, DType.F32, JniUtils::div);
    }

    @Override
    public Tensor add(Tensor a, double value) {
        PtNDArray x = nd(a, "add", "a");
        return run("add", scalarType(a, value), Shapes.of(a), () -> JniUtils.add(x, scalarLike(x, value)), a);
    }

    @Override
    public Tensor mul(Tensor a, double value) {
        PtNDArray x = nd(a, "mul", "a");
        return run("mul", scalarType(a, value), Shapes.of(a), () -> JniUtils.mul(x, scalarLike(x, value)), a);
    }

    @Override
    public Tensor div(Tensor a, double value) {
        PtNDArray x = nd(a, "div", "a");
        return run("div", DType.F32, Shapes.of(a), () -> JniUtils.div(x, scalar(value)), a);
    }

    @Override
    public Tensor pow(Tensor a, double exponent) {
        PtNDArray x = nd(a, "pow", "a");
        if (exponent == 2) {
            return run("pow", a.dtype(), Shapes.of(a), () -> JniUtils.square(x), a);
        }
        return run("pow", DType.F32, Shapes.of(a), () -> JniUtils.pow(x, scalar(exponent)), a);
    }

    @Override
    public Tensor neg(Tensor a) {
        return elementwise("neg", a, a.dtype(), JniUtils::neg);
    }

    @Override
    public Tensor exp(Tensor a) {
        return elementwise("exp", a, DType.F32, JniUtils::exp);
    }

    @Override
    public Tensor log(Tensor a) {
        return elementwise("log", a, DType.F32, JniUtils::log);
    }

    @Override
    public Tensor sqrt(Tensor a) {
        return elementwise("sqrt", a, DType.F32, JniUtils::sqrt);
    }

    @Override
    public Tensor rsqrt(Tensor a) {
        return elementwise("rsqrt", a, DType.F32, this::rsqrt);
    }

    /** PyTorch's CPU rsqrt kernel computes {@code 1 / sqrt(x)}, two roundings; so does this. */
    private PtNDArray rsqrt(PtNDArray x) {
        PtNDArray s = JniUtils.sqrt(x);
        try {
            return JniUtils.div(scalar(1), s);
        } finally {
            s.close();
        }
    }

    @Override
    public Tensor tanh(Tensor a) {
        return elementwise("tanh", a, DType.F32, JniUtils::tanh);
    }

    @Override
    public Tensor sigmoid(Tensor a) {
        return elementwise("sigmoid", a, DType.F32, JniUtils::sigmoid);
    }

    @Override
    public Tensor sin(Tensor a) {
        return elementwise("sin", a, DType.F32, JniUtils::sin);
    }

    @Override
    public Tensor cos(Tensor a) {
        return elementwise("cos", a, DType.F32, JniUtils::cos);
    }

    @Override
    public Tensor where(Tensor condition, Tensor a, Tensor b) {
        PtNDArray c = nd(condition, "where", "condition");
        PtNDArray x = nd(a, "where", "a");
        PtNDArray y = nd(b, "where", "b");
        if (condition.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("where: condition must be BOOL, got " + condition.dtype());
        }
        return run("where", Shapes.promote(a.dtype(), b.dtype()), Shapes.broadcast("where", Shapes.of(condition),
                Shapes.broadcast("where", Shapes.of(a), Shapes.of(b))), () -> JniUtils.where(c, x, y), condition, a, b);
    }

    @Override
    public Tensor eq(Tensor a, double value) {
        PtNDArray x = nd(a, "eq", "a");
        return run("eq", DType.BOOL, Shapes.of(a), () -> JniUtils.eq(x, scalarLike(x, value)), a);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Activations

    @Override
    public Tensor silu(Tensor x) {
        PtNDArray a = nd(x, "silu", "x");
        return run("silu", DType.F32, Shapes.of(x), () -> {
            // PyTorch's silu kernel: x / (1 + exp(-x))
            PtNDArray n = JniUtils.neg(a);
            PtNDArray e = JniUtils.exp(n);
            PtNDArray d = JniUtils.add(e, scalar(1));
            try {
                return JniUtils.div(a, d);
            } finally {
                free(n, e, d);
            }
        }, x);
    }

    @Override
    public Tensor gelu(Tensor x) {
        return elementwise("gelu", x, DType.F32, JniUtils::gelu);
    }

    @Override
    public Tensor geluTanh(Tensor x) {
        PtNDArray a = nd(x, "geluTanh", "x");
        return run("geluTanh", DType.F32, Shapes.of(x), () -> {
            // PyTorch's GeluKernel (approximate="tanh"): x_cube = x * x * x;
            // inner = kBeta * (x + kKappa * x_cube); 0.5 * x * (1 + tanh(inner))
            double kBeta = Math.sqrt(2) * (2 / Math.sqrt(Math.PI)) * 0.5;
            double kKappa = 0.044715;
            PtNDArray x2 = JniUtils.mul(a, a);
            PtNDArray x3 = JniUtils.mul(x2, a);
            PtNDArray k = JniUtils.mul(x3, scalar(kKappa));
            PtNDArray s = JniUtils.add(a, k);
            PtNDArray inner = JniUtils.mul(s, scalar(kBeta));
            PtNDArray t = JniUtils.tanh(inner);
            PtNDArray onePlus = JniUtils.add(t, scalar(1));
            PtNDArray half = JniUtils.mul(a, scalar(0.5));
            try {
                return JniUtils.mul(half, onePlus);
            } finally {
                free(x2, x3, k, s, inner, t, onePlus, half);
            }
        }, x);
    }

    @Override
    public Tensor quickGelu(Tensor x) {
        PtNDArray a = nd(x, "quickGelu", "x");
        return run("quickGelu", DType.F32, Shapes.of(x), () -> {
            // HF QuickGELUActivation: input * torch.sigmoid(1.702 * input)
            PtNDArray scaled = JniUtils.mul(a, scalar(1.702));
            PtNDArray sig = JniUtils.sigmoid(scaled);
            try {
                return JniUtils.mul(a, sig);
            } finally {
                free(scaled, sig);
            }
        }, x);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reductions

    @Override
    public Tensor mean(Tensor x, int dim, boolean keepDim) {
        PtNDArray a = nd(x, "mean", "x");
        int d = axis(dim, x.rank(), "mean");
        return run("mean", DType.F32, Shapes.reduce(Shapes.of(x), d, keepDim), () -> JniUtils.mean(a, d, keepDim), x);
    }

    @Override
    public Tensor sum(Tensor x, int dim, boolean keepDim) {
        PtNDArray a = nd(x, "sum", "x");
        int d = axis(dim, x.rank(), "sum");
        return run("sum", () -> JniUtils.sum(a, new long[] {d}, keepDim), x);
    }

    @Override
    public Tensor softmax(Tensor x, int dim) {
        PtNDArray a = nd(x, "softmax", "x");
        int d = axis(dim, x.rank(), "softmax");
        return run("softmax", DType.F32, Shapes.of(x), () -> JniUtils.softmax(a, d, DataType.FLOAT32), x);
    }

    @Override
    public Tensor logSumExp(Tensor x, int dim) {
        PtNDArray a = nd(x, "logSumExp", "x");
        int d = axis(dim, x.rank(), "logSumExp");
        return run("logSumExp", DType.F32, Shapes.reduce(Shapes.of(x), d, false), () -> {
            // torch.logsumexp: maxes = amax(x, dim, keepdim); log(sum(exp(x - maxes), dim)) + maxes
            PtNDArray maxes = JniUtils.max(a, d, true);
            PtNDArray shifted = JniUtils.sub(a, maxes);
            PtNDArray e = JniUtils.exp(shifted);
            PtNDArray s = JniUtils.sum(e, new long[] {d}, false);
            PtNDArray l = JniUtils.log(s);
            PtNDArray m = JniUtils.squeeze(maxes, d);
            try {
                return JniUtils.add(l, m);
            } finally {
                free(maxes, shifted, e, s, l, m);
            }
        }, x);
    }

    @Override
    public Tensor argmax(Tensor x, int dim) {
        PtNDArray a = nd(x, "argmax", "x");
        int d = axis(dim, x.rank(), "argmax");
        return run("argmax", DType.I64, Shapes.reduce(Shapes.of(x), d, false), () -> JniUtils.argMax(a, d, false), x);
    }

    @Override
    public TopK topk(Tensor x, int k, int dim) {
        PtNDArray a = nd(x, "topk", "x");
        int d = axis(dim, x.rank(), "topk");
        if (k < 0 || k > x.dim(d)) {
            throw new IllegalArgumentException("topk: k = " + k + " not within 0.." + x.dim(d) + " for "
                    + describe(x));
        }
        checkOpen();
        NDList list;
        try {
            list = JniUtils.topK(a, k, d, true, true);
        } catch (EngineException e) {
            throw new IllegalArgumentException("topk of " + describe(x) + ": " + firstLine(e.getMessage()), e);
        }
        Tensor values = wrap((PtNDArray) list.get(0));
        Tensor indices = wrap((PtNDArray) list.get(1));
        return new TopK(values, indices);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Linear algebra

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        PtNDArray x = nd(a, "matmul", "a");
        PtNDArray y = nd(b, "matmul", "b");
        int[] shape = Shapes.matmul("matmul", Shapes.of(a), Shapes.of(b));
        return run("matmul", shape == null ? null : DType.F32, shape, () -> JniUtils.matmul(x, y), a, b);
    }

    @Override
    public Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        PtNDArray a = nd(x, "linear", "x");
        PtNDArray w = nd(weight, "linear", "weight");
        PtNDArray b = bias == null ? null : nd(bias, "linear", "bias");
        if (weight.rank() != 2 || x.rank() == 0 || x.dim(-1) != weight.dim(1)
                || (bias != null && (bias.rank() != 1 || bias.dim(0) != weight.dim(0)))) {
            throw new IllegalArgumentException("linear: x [..., in_features], weight [out_features, in_features], "
                    + "bias [out_features] expected, got " + describe(x, weight, bias));
        }
        return run("linear", DType.F32, Shapes.with(Shapes.of(x), x.rank() - 1, weight.dim(0)),
                () -> JniUtils.linear(a, w, b), x, weight, bias);
    }

    @Override
    public Tensor embedding(Tensor ids, Tensor weight) {
        PtNDArray i = nd(ids, "embedding", "ids");
        PtNDArray w = nd(weight, "embedding", "weight");
        if (ids.dtype() != DType.I64 || weight.rank() != 2) {
            throw new IllegalArgumentException("embedding: I64 ids and weight [num, dim] expected, got "
                    + describe(ids, weight));
        }
        int[] shape = java.util.Arrays.copyOf(Shapes.of(ids), ids.rank() + 1);
        shape[ids.rank()] = weight.dim(1);
        return run("embedding", DType.F32, shape, () -> JniUtils.embedding(i, w, false), ids, weight);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Normalization

    @Override
    public Tensor rmsNorm(Tensor x, Tensor weight, double eps) {
        PtNDArray a = nd(x, "rmsNorm", "x");
        PtNDArray w = nd(weight, "rmsNorm", "weight");
        if (weight.rank() != 1 || x.rank() == 0 || x.dim(-1) != weight.dim(0)) {
            throw new IllegalArgumentException("rmsNorm: x [..., hidden_size] and weight [hidden_size] expected, got "
                    + describe(x, weight));
        }
        int last = x.rank() - 1;
        return run("rmsNorm", DType.F32, Shapes.of(x), () -> {
            // LlamaRMSNorm: variance = x.pow(2).mean(-1, keepdim=True); x = x * torch.rsqrt(variance + eps);
            // weight * x (multiplied as x * weight: the same product, and the result stays on x's manager)
            PtNDArray sq = JniUtils.square(a);
            PtNDArray variance = JniUtils.mean(sq, last, true);
            PtNDArray plusEps = JniUtils.add(variance, scalar(eps));
            PtNDArray inv = rsqrt(plusEps);
            PtNDArray normed = JniUtils.mul(a, inv);
            try {
                return JniUtils.mul(normed, w);
            } finally {
                free(sq, variance, plusEps, inv, normed);
            }
        }, x, weight);
    }

    @Override
    public Tensor layerNorm(Tensor x, Tensor weight, Tensor bias, double eps) {
        PtNDArray a = nd(x, "layerNorm", "x");
        PtNDArray w = nd(weight, "layerNorm", "weight");
        PtNDArray b = nd(bias, "layerNorm", "bias");
        if (x.rank() == 0 || weight.rank() != 1 || bias.rank() != 1 || x.dim(-1) != weight.dim(0)
                || bias.dim(0) != weight.dim(0)) {
            throw new IllegalArgumentException("layerNorm: x [..., hidden_size], weight and bias [hidden_size] "
                    + "expected, got " + describe(x, weight, bias));
        }
        return run("layerNorm", DType.F32, Shapes.of(x), () -> JniUtils.layerNorm(a, new Shape(x.dim(-1)), w, b, eps),
                x, weight, bias);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Attention

    @Override
    public Tensor rotaryInvFreq(int dim, double ropeTheta, double linearFactor) {
        if (dim <= 0 || dim % 2 != 0 || !(ropeTheta > 0) || !(linearFactor > 0)) {
            throw new IllegalArgumentException("rotaryInvFreq: an even dim > 0, rope_theta > 0 and factor > 0 "
                    + "expected, got dim " + dim + ", rope_theta " + ropeTheta + ", factor " + linearFactor);
        }
        float[] steps = new float[dim / 2];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = 2 * i; // torch.arange(0, dim, 2, dtype=torch.int64).float()
        }
        Tensor arange = upload(HostTensor.ofFloats(steps, steps.length));
        try {
            PtNDArray r = ((DjlTensor) arange).array();
            return run("rotaryInvFreq", () -> {
                // inv_freq = 1.0 / (base ** (arange / dim)); linear scaling: inv_freq /= factor
                PtNDArray exponent = JniUtils.div(r, scalar(dim));
                PtNDArray powered = JniUtils.pow(scalar(ropeTheta), exponent);
                PtNDArray inv = JniUtils.div(scalar(1), powered);
                try {
                    return linearFactor == 1 ? inv : JniUtils.div(inv, scalar(linearFactor));
                } finally {
                    free(exponent, powered);
                    if (linearFactor != 1) {
                        inv.close();
                    }
                }
            });
        } finally {
            arange.close();
        }
    }

    @Override
    public RotaryCosSin rotaryCosSin(Tensor invFreq, Tensor positionIds) {
        PtNDArray inv = nd(invFreq, "rotaryCosSin", "invFreq");
        PtNDArray pos = nd(positionIds, "rotaryCosSin", "positionIds");
        if (invFreq.rank() != 1 || positionIds.rank() != 2) {
            throw new IllegalArgumentException("rotaryCosSin: invFreq [dim / 2] and positionIds [batch, seq_len] "
                    + "expected, got " + describe(invFreq, positionIds));
        }
        int batch = positionIds.dim(0);
        int half = invFreq.dim(0);
        // inv_freq_expanded = inv_freq[None, :, None].float().expand(batch, -1, 1)
        // position_ids_expanded = position_ids[:, None, :].float()
        // freqs = (inv_freq_expanded @ position_ids_expanded).transpose(1, 2); emb = torch.cat((freqs, freqs), -1)
        int[] embShape = {batch, positionIds.dim(1), 2 * half};
        Tensor emb = run("rotaryCosSin", DType.F32, embShape, () -> {
            PtNDArray inv3 = JniUtils.reshape(inv, new long[] {1, half, 1});
            PtNDArray invExpanded = JniUtils.broadcast(inv3, new Shape(batch, half, 1));
            PtNDArray posFloat = JniUtils.to(pos, DataType.FLOAT32, backend.djlDevice());
            PtNDArray pos3 = JniUtils.reshape(posFloat, new long[] {batch, 1, positionIds.dim(1)});
            PtNDArray product = JniUtils.matmul(invExpanded, pos3);
            PtNDArray freqs = JniUtils.transpose(product, 1, 2);
            try {
                return JniUtils.cat(new PtNDArray[] {freqs, freqs}, 2);
            } finally {
                free(inv3, invExpanded, posFloat, pos3, product, freqs);
            }
        }, invFreq, positionIds);
        try {
            PtNDArray e = ((DjlTensor) emb).array();
            Tensor cos = run("rotaryCosSin", DType.F32, embShape, () -> JniUtils.cos(e), emb);
            Tensor sin = run("rotaryCosSin", DType.F32, embShape, () -> JniUtils.sin(e), emb);
            return new RotaryCosSin(cos, sin);
        } finally {
            emb.close();
        }
    }

    @Override
    public Tensor applyRotaryPosEmb(Tensor x, RotaryCosSin cosSin) {
        PtNDArray a = nd(x, "applyRotaryPosEmb", "x");
        PtNDArray cos = nd(cosSin.cos(), "applyRotaryPosEmb", "cos");
        PtNDArray sin = nd(cosSin.sin(), "applyRotaryPosEmb", "sin");
        if (x.rank() != 4 || cosSin.cos().rank() != 3 || x.dim(-1) != cosSin.cos().dim(-1) || x.dim(-1) % 2 != 0) {
            throw new IllegalArgumentException("applyRotaryPosEmb: x [batch, heads, seq_len, head_dim] and cos/sin "
                    + "[batch, seq_len, head_dim] expected, got " + describe(x, cosSin.cos()));
        }
        int headDim = x.dim(-1);
        return run("applyRotaryPosEmb", DType.F32, Shapes.of(x), () -> {
            // cos = cos.unsqueeze(1); sin = sin.unsqueeze(1); x * cos + rotate_half(x) * sin
            // rotate_half: cat((-x[..., d/2:], x[..., :d/2]), -1)
            PtNDArray c = JniUtils.unsqueeze(cos, 1);
            PtNDArray s = JniUtils.unsqueeze(sin, 1);
            PtNDArray x1 = JniUtils.slice(a, 3, 0, headDim / 2, 1);
            PtNDArray x2 = JniUtils.slice(a, 3, headDim / 2, headDim, 1);
            PtNDArray negX2 = JniUtils.neg(x2);
            PtNDArray rotated = JniUtils.cat(new PtNDArray[] {negX2, x1}, 3);
            PtNDArray xc = JniUtils.mul(a, c);
            PtNDArray rs = JniUtils.mul(rotated, s);
            try {
                return JniUtils.add(xc, rs);
            } finally {
                free(c, s, x1, x2, negX2, rotated, xc, rs);
            }
        }, x, cosSin.cos());
    }

    @Override
    public Tensor causalMask(Tensor attentionMask, int queryLength, int pastLength, int slidingWindow) {
        PtNDArray mask2d = attentionMask == null ? null : nd(attentionMask, "causalMask", "attentionMask");
        int target = pastLength + queryLength;
        if (queryLength <= 0 || pastLength < 0 || slidingWindow < 0
                || (attentionMask != null && (attentionMask.rank() != 2 || attentionMask.dim(1) != target))) {
            throw new IllegalArgumentException("causalMask: attentionMask [batch, " + target + "], query_length > 0, "
                    + "past_length >= 0 and a window >= 0 expected, got " + describe(attentionMask) + ", "
                    + queryLength + ", " + pastLength + ", " + slidingWindow);
        }
        // which keys each query may not see: j > cache_position[i] (and, with a window, j <= cache_position[i] - w);
        // a Java-side table of shape [q_len, target]: it depends on Java ints only
        boolean[] blocked = new boolean[Math.multiplyExact(queryLength, target)];
        for (int i = 0; i < queryLength; i++) {
            int cachePosition = pastLength + i;
            for (int j = 0; j < target; j++) {
                blocked[i * target + j] = j > cachePosition || (slidingWindow > 0 && j <= cachePosition - slidingWindow);
            }
        }
        byte[] bytes = new byte[blocked.length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (blocked[i] ? 1 : 0);
        }
        Tensor causal = upload(HostTensor.of(DType.BOOL, new int[] {1, 1, queryLength, target}, ByteBuffer.wrap(bytes)));
        try {
            PtNDArray c = ((DjlTensor) causal).array();
            int[] maskShape = {attentionMask == null ? 1 : attentionMask.dim(0), 1, queryLength, target};
            return run("causalMask", DType.F32, maskShape, () -> {
                PtNDArray masked = c;
                PtNDArray padding = null;
                PtNDArray pad4 = null;
                PtNDArray m = null;
                try {
                    if (mask2d != null) {
                        // padding_mask = attention_mask[:, None, None, :] == 0
                        m = JniUtils.reshape(mask2d, new long[] {attentionMask.dim(0), 1, 1, target});
                        pad4 = JniUtils.eq(m, scalarLike(m, 0));
                        padding = JniUtils.logicalOr(c, pad4);
                        masked = padding;
                    }
                    PtNDArray zero = scalar(0);
                    return JniUtils.where(masked, scalar(FLOAT32_MIN), zero);
                } finally {
                    free(m, pad4, padding);
                }
            }, attentionMask);
        } finally {
            causal.close();
        }
    }

    @Override
    public Tensor scaledDotProductAttention(Tensor query, Tensor key, Tensor value, Tensor mask, double scale) {
        PtNDArray q = nd(query, "scaledDotProductAttention", "query");
        PtNDArray k = nd(key, "scaledDotProductAttention", "key");
        PtNDArray v = nd(value, "scaledDotProductAttention", "value");
        PtNDArray m = mask == null ? null : nd(mask, "scaledDotProductAttention", "mask");
        if (query.rank() != 4 || key.rank() != 4 || value.rank() != 4 || !Arrays.equals(key.shape(), value.shape())
                || query.dim(0) != key.dim(0) || query.dim(3) != key.dim(3) || key.dim(1) == 0
                || query.dim(1) % key.dim(1) != 0) {
            throw new IllegalArgumentException("scaledDotProductAttention: query [batch, num_heads, q_len, head_dim], "
                    + "key and value [batch, num_key_value_heads, kv_len, head_dim] with num_heads a multiple of "
                    + "num_key_value_heads expected, got " + describe(query, key, value));
        }
        int batch = query.dim(0);
        int heads = query.dim(1);
        int qLen = query.dim(2);
        int kvLen = key.dim(2);
        // queries in chunks whose scores stay under MAX_SCORES floats: a 3,200-token prefill would otherwise hold
        // [batch, heads, 3200, 3200] scores (573 MB at 14 heads) per step of the softmax
        int chunk = (int) Math.max(1, Math.min(qLen, MAX_SCORES / Math.max(1L, (long) batch * heads * kvLen)));
        int[] outShape = {batch, heads, qLen, query.dim(3)};
        return run("scaledDotProductAttention", DType.F32, outShape, () -> {
            if (chunk == qLen) {
                return attention(q, k, v, m, scale, heads, kvLen);
            }
            List<PtNDArray> parts = new ArrayList<>();
            try {
                for (int start = 0; start < qLen; start += chunk) {
                    int end = Math.min(qLen, start + chunk);
                    PtNDArray qc = JniUtils.slice(q, 2, start, end, 1);
                    PtNDArray mc = m == null ? null : m.getShape().get(2) == 1 ? m : JniUtils.slice(m, 2, start, end, 1);
                    try {
                        parts.add(attention(qc, k, v, mc, scale, heads, kvLen));
                    } finally {
                        qc.close();
                        if (mc != null && mc != m) {
                            mc.close();
                        }
                    }
                }
                return JniUtils.cat(parts.toArray(new PtNDArray[0]), 2);
            } finally {
                free(parts.toArray(new PtNDArray[0]));
            }
        }, query, key, value, mask);
    }

    /** Eager attention of one query chunk {@code [batch, heads, q, head_dim]}; scores scaled and masked in place. */
    private PtNDArray attention(PtNDArray q, PtNDArray k, PtNDArray v, PtNDArray mask, double scale, int heads,
            int kvLen) {
        long[] qs = q.getShape().getShape();
        long batch = qs[0];
        long qLen = qs[2];
        long headDim = qs[3];
        long kvHeads = k.getShape().get(1);
        long groups = heads / kvHeads;
        // repeat_kv without copying the cache: the query heads of one KV head are stacked along the query
        // dimension ([batch, kv_heads, groups * q_len, head_dim]), which gives the same dot products
        PtNDArray qg = groups == 1 ? q : JniUtils.reshape(q, new long[] {batch, kvHeads, groups * qLen, headDim});
        PtNDArray kt = JniUtils.transpose(k, 2, 3);
        PtNDArray scores = JniUtils.matmul(qg, kt);
        free(kt);
        if (qg != q) {
            qg.close();
        }
        PtNDArray scores4 = groups == 1 ? scores : JniUtils.reshape(scores, new long[] {batch, heads, qLen, kvLen});
        if (scores4 != scores) {
            scores.close();
        }
        PtNDArray weights;
        try {
            JniUtils.muli(scores4, scalar(scale));
            if (mask != null) {
                JniUtils.addi(scores4, mask);
            }
            weights = JniUtils.softmax(scores4, 3, DataType.FLOAT32);
        } finally {
            scores4.close();
        }
        PtNDArray weightsG = groups == 1 ? weights
                : JniUtils.reshape(weights, new long[] {batch, kvHeads, groups * qLen, kvLen});
        if (weightsG != weights) {
            weights.close();
        }
        PtNDArray out;
        try {
            out = JniUtils.matmul(weightsG, v);
        } finally {
            weightsG.close();
        }
        if (groups == 1) {
            return out;
        }
        try {
            return JniUtils.reshape(out, new long[] {batch, heads, qLen, headDim});
        } finally {
            out.close();
        }
    }

    @Override
    public Tensor kvCacheUpdate(Tensor cache, Tensor states, int position) {
        DjlTensor c = check(cache, "kvCacheUpdate", "cache");
        PtNDArray s = nd(states, "kvCacheUpdate", "states");
        int[] cs = c.shapeView();
        int[] ss = states.shape();
        if (cs.length != 4 || ss.length != 4 || cs[0] != ss[0] || cs[1] != ss[1] || cs[3] != ss[3] || position < 0
                || position + ss[2] > cs[2]) {
            throw new IllegalArgumentException("kvCacheUpdate: states [batch, kv_heads, q_len, head_dim] fitting "
                    + "cache [batch, kv_heads, max_length, head_dim] at position " + position + " expected, got "
                    + describe(cache, states));
        }
        PtNDArray ca = c.array();
        int end = position + ss[2];
        return run("kvCacheUpdate", c.dtype(), new int[] {cs[0], cs[1], end, cs[3]}, () -> {
            JniUtils.indexSet(ca, s, new long[] {0, 0, position, 0}, new long[] {cs[0], cs[1], end, cs[3]},
                    new long[] {1, 1, 1, 1});
            return JniUtils.slice(ca, 2, 0, end, 1);
        }, cache, states);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Shapes and indexing

    @Override
    public Tensor reshape(Tensor x, int... shape) {
        PtNDArray a = nd(x, "reshape", "x");
        int[] resolved = Shapes.reshape("reshape", Shapes.of(x), shape);
        return run("reshape", x.dtype(), resolved, () -> JniUtils.reshape(a, longs(resolved)), x);
    }

    @Override
    public Tensor permute(Tensor x, int... dims) {
        PtNDArray a = nd(x, "permute", "x");
        if (dims.length != x.rank()) {
            throw new IllegalArgumentException("permute: " + dims.length + " dims for " + describe(x));
        }
        int[] from = Shapes.of(x);
        int[] permuted = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            permuted[i] = from[axis(dims[i], dims.length, "permute")];
        }
        return run("permute", x.dtype(), permuted, () -> JniUtils.permute(a, longs(dims)), x);
    }

    @Override
    public Tensor transpose(Tensor x, int dim0, int dim1) {
        PtNDArray a = nd(x, "transpose", "x");
        int d0 = axis(dim0, x.rank(), "transpose");
        int d1 = axis(dim1, x.rank(), "transpose");
        int[] swapped = Shapes.of(x).clone();
        swapped[d0] = Shapes.of(x)[d1];
        swapped[d1] = Shapes.of(x)[d0];
        return run("transpose", x.dtype(), swapped, () -> JniUtils.transpose(a, d0, d1), x);
    }

    @Override
    public Tensor expand(Tensor x, int... shape) {
        PtNDArray a = nd(x, "expand", "x");
        int[] current = x.shape();
        long[] target = new long[shape.length];
        int offset = shape.length - current.length;
        if (offset < 0) {
            throw new IllegalArgumentException("expand: " + describe(x) + " to fewer dimensions "
                    + Arrays.toString(shape));
        }
        for (int i = 0; i < shape.length; i++) {
            target[i] = shape[i] == -1 && i >= offset ? current[i - offset] : shape[i];
        }
        int[] expanded = new int[target.length];
        for (int i = 0; i < target.length; i++) {
            expanded[i] = Math.toIntExact(target[i]);
        }
        return run("expand", x.dtype(), expanded, () -> JniUtils.broadcast(a, new Shape(target)), x);
    }

    @Override
    public Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("cat: no tensors");
        }
        PtNDArray[] arrays = new PtNDArray[tensors.size()];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = nd(tensors.get(i), "cat", "tensors[" + i + "]");
        }
        int d = axis(dim, tensors.get(0).rank(), "cat");
        int[] joined = Shapes.of(tensors.get(0)).clone();
        DType type = tensors.get(0).dtype();
        for (int i = 1; i < tensors.size(); i++) {
            int[] other = Shapes.of(tensors.get(i));
            if (other.length != joined.length) {
                throw new IllegalArgumentException("cat: tensors of ranks " + joined.length + " and " + other.length);
            }
            joined[d] += other[d];
            type = Shapes.promote(type, tensors.get(i).dtype());
        }
        return run("cat", type, joined, () -> JniUtils.cat(arrays, d), tensors.toArray(new Tensor[0]));
    }

    @Override
    public Tensor slice(Tensor x, int dim, int start, int end) {
        PtNDArray a = nd(x, "slice", "x");
        int d = axis(dim, x.rank(), "slice");
        if (start < 0 || end < start || end > x.dim(d)) {
            throw new IllegalArgumentException("slice: [" + start + ", " + end + ") of dimension " + dim + " of "
                    + describe(x));
        }
        return run("slice", x.dtype(), Shapes.with(Shapes.of(x), d, end - start), () -> JniUtils.slice(a, d, start, end, 1),
                x);
    }

    @Override
    public Tensor indexSelect(Tensor x, int dim, Tensor index) {
        PtNDArray a = nd(x, "indexSelect", "x");
        PtNDArray idx = nd(index, "indexSelect", "index");
        if (index.rank() != 1 || index.dtype() != DType.I64) {
            throw new IllegalArgumentException("indexSelect: I64 index [n] expected, got " + describe(index));
        }
        int d = axis(dim, x.rank(), "indexSelect");
        int[] xs = x.shape();
        long[] indexShape = new long[xs.length];
        long[] gatherShape = new long[xs.length];
        for (int i = 0; i < xs.length; i++) {
            indexShape[i] = i == d ? index.dim(0) : 1;
            gatherShape[i] = i == d ? index.dim(0) : xs[i];
        }
        return run("indexSelect", x.dtype(), Shapes.with(xs, d, index.dim(0)), () -> {
            // index_select as a gather over an expanded (stride-0) index
            PtNDArray shaped = JniUtils.reshape(idx, indexShape);
            PtNDArray expanded = JniUtils.broadcast(shaped, new Shape(gatherShape));
            try {
                return JniUtils.gather(a, expanded, d);
            } finally {
                free(shaped, expanded);
            }
        }, x, index);
    }

    @Override
    public Tensor gather(Tensor x, int dim, Tensor index) {
        PtNDArray a = nd(x, "gather", "x");
        PtNDArray idx = nd(index, "gather", "index");
        if (index.dtype() != DType.I64 || index.rank() != x.rank()) {
            throw new IllegalArgumentException("gather: an I64 index of x's rank expected, got " + describe(x, index));
        }
        int d = axis(dim, x.rank(), "gather");
        return run("gather", x.dtype(), Shapes.of(index), () -> JniUtils.gather(a, idx, d), x, index);
    }

    @Override
    public Tensor maskedScatter(Tensor x, Tensor mask, Tensor source) {
        PtNDArray a = nd(x, "maskedScatter", "x");
        PtNDArray m = nd(mask, "maskedScatter", "mask");
        PtNDArray src = nd(source, "maskedScatter", "source");
        int[] xs = x.shape();
        if (xs.length < 1 || mask.dtype() != DType.BOOL || mask.rank() != xs.length - 1
                || !Arrays.equals(mask.shape(), Arrays.copyOf(xs, xs.length - 1)) || source.rank() != 2
                || source.dim(1) != xs[xs.length - 1]) {
            throw new IllegalArgumentException("maskedScatter: x [..., dim], BOOL mask [...] and source [n, dim] "
                    + "expected, got " + describe(x, mask, source));
        }
        long rows = HostTensor.numel(Arrays.copyOf(xs, xs.length - 1));
        int width = xs[xs.length - 1];
        if (source.dim(0) == 0) {
            return run("maskedScatter", x.dtype(), xs, () -> JniUtils.clone(a), x);
        }
        return run("maskedScatter", x.dtype(), xs, () -> {
            // the k-th selected row takes source row k: index = cumsum(mask) - 1, clamped at 0 for rows before the
            // first selected one (where() keeps x there)
            PtNDArray flatMask = JniUtils.reshape(m, new long[] {rows});
            PtNDArray asLong = JniUtils.to(flatMask, DataType.INT64, backend.djlDevice());
            PtNDArray counts = JniUtils.cumSum(asLong, 0);
            PtNDArray minusOne = JniUtils.sub(counts, scalarLike(counts, 1));
            PtNDArray index = JniUtils.max(minusOne, scalarLike(minusOne, 0));
            PtNDArray index2 = JniUtils.reshape(index, new long[] {rows, 1});
            PtNDArray indexExpanded = JniUtils.broadcast(index2, new Shape(rows, width));
            PtNDArray picked = JniUtils.gather(src, indexExpanded, 0);
            PtNDArray flatX = JniUtils.reshape(a, new long[] {rows, width});
            PtNDArray rowMask = JniUtils.reshape(flatMask, new long[] {rows, 1});
            PtNDArray merged = JniUtils.where(rowMask, picked, flatX);
            try {
                return JniUtils.reshape(merged, longs(xs));
            } finally {
                free(flatMask, asLong, counts, minusOne, index, index2, indexExpanded, picked, flatX, rowMask, merged);
            }
        }, x, mask, source);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Vision

    @Override
    public Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int strideH, int strideW, int paddingH, int paddingW) {
        PtNDArray a = nd(x, "conv2d", "x");
        PtNDArray w = nd(weight, "conv2d", "weight");
        PtNDArray b = bias == null ? null : nd(bias, "conv2d", "bias");
        if (x.rank() != 4 || weight.rank() != 4 || x.dim(1) != weight.dim(1)) {
            throw new IllegalArgumentException("conv2d: x [batch, in_channels, h, w] and weight [out_channels, "
                    + "in_channels, kh, kw] expected, got " + describe(x, weight, bias));
        }
        return run("conv2d", () -> JniUtils.convolution(a, w, b, new Shape(strideH, strideW),
                new Shape(paddingH, paddingW), new Shape(1, 1), 1), x, weight, bias);
    }

    @Override
    public Tensor interpolateBilinear(Tensor x, int height, int width) {
        PtNDArray a = nd(x, "interpolateBilinear", "x");
        if (x.rank() != 4 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("interpolateBilinear: x [batch, channels, h, w] and a size > 0 "
                    + "expected, got " + describe(x) + " to " + height + "x" + width);
        }
        // DJL's interpolate turns antialias on, which F.interpolate's default does not: bilinear interpolation is
        // separable, so it is two matmuls with PyTorch's interpolation weights (first along the width, as
        // upsample_bilinear2d blends: h0 * (w0 * x00 + w1 * x01) + h1 * (w0 * x10 + w1 * x11))
        Tensor wx = constant(Bilinear.weights(x.dim(3), width), width, x.dim(3));
        Tensor wy = constant(Bilinear.weights(x.dim(2), height), height, x.dim(2));
        try {
            PtNDArray mx = ((DjlTensor) wx).array();
            PtNDArray my = ((DjlTensor) wy).array();
            int[] outShape = {x.dim(0), x.dim(1), height, width};
            return run("interpolateBilinear", DType.F32, outShape, () -> {
                PtNDArray mxT = JniUtils.transpose(mx, 0, 1);
                PtNDArray alongWidth = JniUtils.matmul(a, mxT);
                try {
                    return JniUtils.matmul(my, alongWidth);
                } finally {
                    free(mxT, alongWidth);
                }
            }, x);
        } finally {
            wx.close();
            wy.close();
        }
    }

    @Override
    public Tensor avgPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW) {
        PtNDArray a = nd(x, "avgPool2d", "x");
        if (x.rank() != 4 || kernelH <= 0 || kernelW <= 0 || strideH <= 0 || strideW <= 0) {
            throw new IllegalArgumentException("avgPool2d: x [batch, channels, h, w] and positive kernel and stride "
                    + "expected, got " + describe(x));
        }
        return run("avgPool2d", () -> JniUtils.avgPool(a, new Shape(kernelH, kernelW), new Shape(strideH, strideW),
                new Shape(0, 0), false, true), x);
    }

    @Override
    public String toString() {
        return "DjlScope[" + tensors.size() + " tensors, " + children.size() + " children" + (closed.get() ? ", closed"
                : "") + "]";
    }
}

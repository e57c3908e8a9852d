package io.vlm4j.backend.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.vlm4j.BackendUnavailableException;
import io.vlm4j.spi.BackendOptions;
import io.vlm4j.tensor.Backend;
import io.vlm4j.tensor.MemoryUsage;
import io.vlm4j.tensor.Scope;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tensor SPI on DJL's PyTorch engine, on one device. Each {@link DjlScope} owns a DJL {@code NDManager}, a
 * child of its parent scope's, so that closing a scope frees its tensors deterministically (PyTorch frees them at
 * once, never the garbage collector). Computes in float32.
 *
 * <p>Thread-safe. PyTorch's intra-op thread count is one per process: {@link BackendOptions#threads()} sets it
 * for every backend of the JVM.
 */
final class DjlBackend implements Backend {
    /** Cached scalars at most: beyond this, scalars are made per call (in the calling scope). */
    private static final int MAX_SCALARS = 1024;

    private final Device device;
    private final String deviceName;
    private final PtNDManager root;
    private final Set<DjlScope> scopes = ConcurrentHashMap.newKeySet();
    private final Map<ScalarKey, PtNDArray> scalars = new ConcurrentHashMap<>();
    private final AtomicLong liveTensors = new AtomicLong();
    private final AtomicLong liveBytes = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private record ScalarKey(double value, DataType type) {}

    private DjlBackend(Device device, String deviceName, PtNDManager root) {
        this.device = device;
        this.deviceName = deviceName;
        this.root = root;
    }

    static DjlBackend create(Engine engine, BackendOptions options) {
        Device device;
        String name;
        if (options.device().equals("cpu")) {
            device = Device.cpu();
            name = "cpu";
        } else {
            int index = options.device().equals("cuda") ? 0 : Integer.parseInt(options.device().substring(5));
            int gpus = engine.getGpuCount();
            if (gpus == 0) {
                throw new BackendUnavailableException("djl: device '" + options.device() + "' asked for, but "
                        + (engine.hasCapability("CUDA") ? "no CUDA GPU is visible"
                                : "the PyTorch natives on the class path are CPU-only (pytorch-native-cpu); "
                                        + "build with the cuda profile on a machine with a GPU")
                        + "; use --device cpu");
            }
            if (index >= gpus) {
                throw new BackendUnavailableException("djl: device '" + options.device() + "' asked for, but "
                        + gpus + " CUDA GPU(s) are visible (cuda:0 to cuda:" + (gpus - 1) + ")");
            }
            device = Device.gpu(index);
            name = "cuda:" + index;
        }
        if (options.threads() > 0) {
            JniUtils.setNumThreads(options.threads());
        }
        return new DjlBackend(device, name, (PtNDManager) engine.newBaseManager(device));
    }

    @Override
    public String name() {
        return DjlBackendProvider.ID;
    }

    @Override
    public String device() {
        return deviceName;
    }

    Device djlDevice() {
        return device;
    }

    @Override
    public Scope newScope() {
        if (closed.get()) {
            throw new IllegalStateException("djl backend is closed");
        }
        DjlScope scope = new DjlScope(this, null, root.newSubManager(device));
        scopes.add(scope);
        if (closed.get()) {
            scope.close();
            throw new IllegalStateException("djl backend is closed");
        }
        return scope;
    }

    void scopeClosed(DjlScope scope) {
        scopes.remove(scope);
    }

    /**
     * A 0-dimensional tensor of {@code value}, shared and never closed before the backend: operands of
     * elementwise operations with a Java number. PyTorch treats a 0-dim operand as a scalar (it does not
     * promote the other operand's type beyond its category).
     */
    PtNDArray scalar(double value, DataType type, PtNDManager fallback) {
        ScalarKey key = new ScalarKey(value, type);
        PtNDArray cached = scalars.get(key);
        if (cached != null) {
            return cached;
        }
        if (scalars.size() >= MAX_SCALARS) {
            return newScalar(value, type, fallback);
        }
        return scalars.computeIfAbsent(key, k -> newScalar(value, type, root));
    }

    private PtNDArray newScalar(double value, DataType type, PtNDManager manager) {
        ByteBuffer buf = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
        if (type == DataType.INT64) {
            buf.putLong(0, (long) value);
        } else {
            buf.limit(4);
            buf.putFloat(0, (float) value);
        }
        PtNDArray onCpu = manager.create(buf, new Shape(), type);
        if (!device.isGpu()) {
            return onCpu;
        }
        PtNDArray moved = JniUtils.to(onCpu, type, device);
        onCpu.close();
        moved.attach(manager);
        return moved;
    }

    void allocated(long bytes) {
        liveTensors.incrementAndGet();
        liveBytes.addAndGet(bytes);
    }

    void freed(long bytes) {
        liveTensors.decrementAndGet();
        liveBytes.addAndGet(-bytes);
    }

    @Override
    public MemoryUsage memoryUsage() {
        return new MemoryUsage(liveTensors.get(), liveBytes.get());
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        RuntimeException failure = null;
        for (DjlScope scope : new ArrayList<>(scopes)) {
            try {
                scope.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        scalars.clear();
        try {
            root.close();
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "DjlBackend[" + deviceName + ", " + memoryUsage() + "]";
    }
}

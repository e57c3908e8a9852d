package io.vlm4j.safetensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.vlm4j.CheckpointFormatException;
import io.vlm4j.tensor.DType;
import io.vlm4j.tensor.HostTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The tensors of one safetensors file, or of a sharded checkpoint ({@code model.safetensors.index.json}), read
 * without copying: each tensor is memory-mapped on access ({@link FileChannel#map}) and upcast to float32 only
 * when asked.
 *
 * <p>Headers are untrusted. {@link #open} checks that the header is bounded, names known types, keeps every
 * tensor inside the file, lets no two overlap, and that shape × element size equals each byte length; anything
 * else is a {@link CheckpointFormatException} naming the file and the tensor.
 *
 * <p>Thread-safe. {@link #close()} closes the files; views handed out before stay readable (the mappings live
 * until collected).
 */
public final class SafeTensors implements AutoCloseable {
    /** The largest header accepted (the format's own limit is 100 MB). */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    /** The file an index of shards is read from. */
    public static final String INDEX_FILE = "model.safetensors.index.json";
    /** The file of an unsharded checkpoint. */
    public static final String SINGLE_FILE = "model.safetensors";

    private static final String METADATA_KEY = "__metadata__";
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    /** Headers: top-level duplicates are found by name in {@link #parseHeader}, nested ones by the tree reader. */
    private static final ObjectMapper HEADER_MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;
    private final Map<Path, FileChannel> channels;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SafeTensors(Map<String, TensorInfo> tensors, Map<String, String> metadata, Map<Path, FileChannel> channels) {
        this.tensors = Collections.unmodifiableMap(tensors);
        this.metadata = Collections.unmodifiableMap(metadata);
        this.channels = channels;
    }

    /**
     * Opens a safetensors file, or a checkpoint folder: its {@value #INDEX_FILE} if present, else its
     * {@value #SINGLE_FILE}.
     *
     * @throws CheckpointFormatException if a file is missing or malformed
     */
    public static SafeTensors open(Path fileOrFolder) {
        if (Files.isDirectory(fileOrFolder)) {
            Path index = fileOrFolder.resolve(INDEX_FILE);
            if (Files.isRegularFile(index)) {
                return openIndex(index);
            }
            Path single = fileOrFolder.resolve(SINGLE_FILE);
            if (!Files.isRegularFile(single)) {
                throw new CheckpointFormatException(fileOrFolder + ": no " + SINGLE_FILE + " and no " + INDEX_FILE);
            }
            return openFiles(List.of(single));
        }
        if (fileOrFolder.getFileName() != null && fileOrFolder.getFileName().toString().endsWith(".index.json")) {
            return openIndex(fileOrFolder);
        }
        return openFiles(List.of(fileOrFolder));
    }

    private static SafeTensors openIndex(Path index) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(index, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new CheckpointFormatException(index + ": file not found", e);
        } catch (IOException e) {
            throw new CheckpointFormatException(index + ": not a valid JSON index: " + e.getMessage(), e);
        }
        JsonNode weightMap = root == null ? null : root.get("weight_map");
        if (weightMap == null || !weightMap.isObject()) {
            throw new CheckpointFormatException(index.getFileName() + ": expected an object at $.weight_map");
        }
        Path folder = index.toAbsolutePath().getParent();
        Map<String, Path> shardOf = new LinkedHashMap<>();
        List<Path> shards = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = weightMap.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new CheckpointFormatException(index.getFileName() + " $.weight_map['" + e.getKey()
                        + "']: expected a file name, got " + e.getValue());
            }
            String fileName = e.getValue().textValue();
            Path shard = folder.resolve(fileName).normalize();
            if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\")
                    || !folder.normalize().equals(shard.getParent())) {
                throw new CheckpointFormatException(index.getFileName() + " $.weight_map['" + e.getKey()
                        + "']: expected the name of a shard file in the checkpoint folder, got '" + fileName + "'");
            }
            if (!Files.isRegularFile(shard)) {
                throw new CheckpointFormatException(index.getFileName() + " $.weight_map['" + e.getKey()
                        + "']: shard '" + fileName + "' is not in " + folder);
            }
            shardOf.put(e.getKey(), shard);
            if (!shards.contains(shard)) {
                shards.add(shard);
            }
        }
        SafeTensors all = openFiles(shards);
        for (Map.Entry<String, Path> e : shardOf.entrySet()) {
            TensorInfo info = all.tensors.get(e.getKey());
            if (info == null || !info.file().equals(e.getValue())) {
                all.close();
                throw new CheckpointFormatException(index.getFileName() + ": tensor '" + e.getKey() + "' is mapped to "
                        + e.getValue().getFileName() + " but that file does not hold it");
            }
        }
        return all;
    }

    private static SafeTensors openFiles(List<Path> files) {
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<Path, FileChannel> channels = new LinkedHashMap<>();
        try {
            for (Path file : files) {
                FileChannel channel = openChannel(file);
                channels.put(file, channel);
                Header header = readHeader(file, channel);
                for (TensorInfo info : header.tensors) {
                    TensorInfo previous = tensors.putIfAbsent(info.name(), info);
                    if (previous != null) {
                        throw new CheckpointFormatException(file.getFileName() + " '" + info.name()
                                + "': also stored in " + previous.file().getFileName());
                    }
                }
                metadata.putAll(header.metadata);
            }
        } catch (RuntimeException e) {
            closeAll(channels.values(), e);
            throw e;
        }
        return new SafeTensors(tensors, metadata, channels);
    }

    private static FileChannel openChannel(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new CheckpointFormatException(file + ": file not found", e);
        } catch (IOException e) {
            throw new CheckpointFormatException(file + ": cannot open: " + e.getMessage(), e);
        }
    }

    private record Header(List<TensorInfo> tensors, Map<String, String> metadata) {}

    private static Header readHeader(Path file, FileChannel channel) {
        String name = String.valueOf(file.getFileName());
        try {
            long size = channel.size();
            if (size < 8) {
                throw new CheckpointFormatException(name + ": " + size + " bytes, too short for a safetensors header");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0);
            long headerLength = lengthBytes.getLong(0);
            if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
                throw new CheckpointFormatException(name + ": header length " + Long.toUnsignedString(headerLength)
                        + " is beyond the format's limit of " + MAX_HEADER_BYTES + " bytes");
            }
            if (headerLength > size - 8) {
                throw new CheckpointFormatException(name + ": header length " + headerLength
                        + " runs past the end of the file (" + size + " bytes)");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, 8);
            Map<String, JsonNode> root = parseHeader(name, headerBytes);
            long dataStart = 8 + headerLength;
            long dataLength = size - dataStart;
            List<TensorInfo> tensors = new ArrayList<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : root.entrySet()) {
                if (e.getKey().equals(METADATA_KEY)) {
                    readMetadata(name, e.getValue(), metadata);
                } else {
                    tensors.add(readEntry(file, name, e.getKey(), e.getValue(), dataStart, dataLength));
                }
            }
            checkLayout(name, tensors, dataStart, dataLength);
            return new Header(tensors, metadata);
        } catch (IOException e) {
            throw new CheckpointFormatException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static void readMetadata(String file, JsonNode node, Map<String, String> out) {
        if (!node.isObject()) {
            throw new CheckpointFormatException(file + " '__metadata__': expected an object of strings, got " + node);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new CheckpointFormatException(file + " '__metadata__." + e.getKey()
                        + "': expected a string, got " + e.getValue());
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
    }

    private static TensorInfo readEntry(Path path, String file, String tensor, JsonNode entry, long dataStart,
            long dataLength) {
        String where = file + " '" + tensor + "'";
        if (!entry.isObject()) {
            throw new CheckpointFormatException(where + ": expected an object with dtype, shape, data_offsets");
        }
        JsonNode dtypeNode = entry.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new CheckpointFormatException(where + ": expected a dtype string, got " + dtypeNode);
        }
        DType dtype = DType.fromSafetensorsName(dtypeNode.textValue()).orElseThrow(() ->
                new CheckpointFormatException(where + ": unknown dtype '" + dtypeNode.textValue()
                        + "' (expected one of F64 F32 F16 BF16 I64 I32 I16 I8 U8 BOOL)"));
        JsonNode shapeNode = entry.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) {
            throw new CheckpointFormatException(where + ": expected a shape array, got " + shapeNode);
        }
        int[] shape = new int[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 0) {
                throw new CheckpointFormatException(where + ": shape " + shapeNode
                        + " must hold non-negative ints");
            }
            shape[i] = d.intValue();
        }
        JsonNode offsets = entry.get("data_offsets");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2 || !offsets.get(0).isIntegralNumber()
                || !offsets.get(1).isIntegralNumber() || !offsets.get(0).canConvertToLong()
                || !offsets.get(1).canConvertToLong()) {
            throw new CheckpointFormatException(where + ": expected data_offsets [begin, end], got " + offsets);
        }
        long begin = offsets.get(0).longValue();
        long end = offsets.get(1).longValue();
        if (begin < 0 || end < begin || end > dataLength) {
            throw new CheckpointFormatException(where + ": data_offsets [" + begin + ", " + end
                    + "] not within the " + dataLength + " data bytes of the file");
        }
        long expected;
        try {
            expected = Math.multiplyExact(HostTensor.numel(shape), (long) dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new CheckpointFormatException(where + ": shape " + shapeNode + " overflows", e);
        }
        if (end - begin != expected) {
            throw new CheckpointFormatException(where + ": " + dtype + " " + shapeNode + " needs " + expected
                    + " bytes, data_offsets give " + (end - begin));
        }
        return new TensorInfo(path, tensor, dtype, shape, dataStart + begin, dataStart + end);
    }

    /**
     * The header, its top-level keys in file order. Parsed key by key so that a tensor named twice is reported by
     * name; as in the reference implementation, the text must be UTF-8 and hold one JSON object, nothing after it
     * but the spaces that pad it.
     */
    private static Map<String, JsonNode> parseHeader(String name, ByteBuffer headerBytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(headerBytes.flip()).toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointFormatException(name + ": header is not UTF-8 text", e);
        }
        Map<String, JsonNode> root = new LinkedHashMap<>();
        try (JsonParser parser = HEADER_MAPPER.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new CheckpointFormatException(name + ": header is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.getCurrentName();
                parser.nextToken();
                JsonNode value;
                try {
                    value = HEADER_MAPPER.readTree(parser);
                } catch (JsonProcessingException e) {
                    throw new CheckpointFormatException(name + " '" + key + "': not valid JSON: "
                            + e.getOriginalMessage(), e);
                }
                if (root.putIfAbsent(key, value == null ? NullNode.getInstance() : value) != null) {
                    throw new CheckpointFormatException(name + " '" + key + "': named twice in the header");
                }
            }
            if (parser.nextToken() != null) {
                throw new CheckpointFormatException(name + ": header has content after its JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new CheckpointFormatException(name + ": header is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CheckpointFormatException(name + ": cannot parse the header: " + e.getMessage(), e);
        }
        return root;
    }

    /**
     * The reference implementation's layout rule: sorted by offset, the tensors' bytes follow one another with no
     * overlap and no hole, and end where the file ends (so that no bytes hide in a file).
     */
    private static void checkLayout(String file, List<TensorInfo> tensors, long dataStart, long dataLength) {
        List<TensorInfo> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long next = dataStart;
        TensorInfo previous = null;
        for (TensorInfo t : sorted) {
            if (t.begin() < next) {
                throw new CheckpointFormatException(file + " '" + t.name() + "': its bytes overlap those of '"
                        + previous.name() + "'");
            }
            if (t.begin() > next) {
                throw new CheckpointFormatException(file + " '" + t.name() + "': data_offsets begin at "
                        + (t.begin() - dataStart) + ", leaving a hole after byte " + (next - dataStart)
                        + " (expected tensors to follow one another)");
            }
            next = t.end();
            previous = t;
        }
        if (next != dataStart + dataLength) {
            throw new CheckpointFormatException(file + ": " + (dataStart + dataLength - next)
                    + " bytes after the last tensor's data (expected the tensors to end where the file ends)");
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer dst, long position) throws IOException {
        long pos = position;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }

    /** Every tensor, by name, in the order of the headers. */
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    /** True if a tensor of that name is stored. */
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** The {@code __metadata__} of the file(s). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The entry of a tensor. @throws CheckpointFormatException if there is no such tensor */
    public TensorInfo info(String name) {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new CheckpointFormatException(describeFiles() + ": no tensor '" + name + "'");
        }
        return info;
    }

    /**
     * A memory-mapped, read-only view of a tensor in its stored type.
     *
     * @throws CheckpointFormatException if there is no such tensor or it cannot be mapped
     */
    public HostTensor get(String name) {
        TensorInfo info = info(name);
        if (closed.get()) {
            throw new IllegalStateException("SafeTensors is closed");
        }
        if (info.byteSize() > Integer.MAX_VALUE) {
            throw new CheckpointFormatException(info.file().getFileName() + " '" + name + "': " + info.byteSize()
                    + " bytes, more than one buffer can map (at most " + Integer.MAX_VALUE + ")");
        }
        try {
            ByteBuffer mapped = info.byteSize() == 0 ? ByteBuffer.allocate(0)
                    : channels.get(info.file()).map(FileChannel.MapMode.READ_ONLY, info.begin(), info.byteSize());
            return HostTensor.of(info.dtype(), info.shape(), mapped);
        } catch (IOException e) {
            throw new CheckpointFormatException(info.file().getFileName() + " '" + name + "': cannot map: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A tensor, checking its shape: {@code model.safetensors 'image_newline': expected [64], got [128]}.
     */
    public HostTensor get(String name, int... expectedShape) {
        TensorInfo info = info(name);
        if (!Arrays.equals(info.shape(), expectedShape)) {
            throw new CheckpointFormatException(info.file().getFileName() + " '" + name + "': expected "
                    + Arrays.toString(expectedShape) + ", got " + Arrays.toString(info.shape()));
        }
        return get(name);
    }

    /** A tensor upcast to float32, copied onto the heap (small tensors and tests; see {@link #copyFloatsTo}). */
    public float[] getFloats(String name) {
        return get(name).toFloats();
    }

    /** Writes a tensor upcast to float32 into {@code dst}, e.g. a direct buffer a backend owns. */
    public void copyFloatsTo(String name, FloatBuffer dst) {
        get(name).copyFloatsTo(dst);
    }

    private String describeFiles() {
        if (channels.size() == 1) {
            return String.valueOf(channels.keySet().iterator().next().getFileName());
        }
        return channels.size() + " safetensors shards";
    }

    /** Closes the files. Idempotent. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        closeAll(channels.values(), null);
    }

    private static void closeAll(Iterable<FileChannel> channels, RuntimeException primary) {
        RuntimeException failure = primary;
        for (FileChannel c : channels) {
            try {
                c.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = new CheckpointFormatException("cannot close a safetensors file: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null && failure != primary) {
            throw failure;
        }
    }
}

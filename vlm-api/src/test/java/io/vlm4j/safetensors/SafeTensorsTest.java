package io.vlm4j.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.CheckpointFormatException;
import io.vlm4j.tensor.DType;
import io.vlm4j.tensor.HostTensor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    /** Writes a safetensors file by hand: the header length, the header text, then {@code dataBytes} bytes. */
    private Path craft(String name, String header, int dataBytes) throws Exception {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return craftRaw(name, json.length, json, new byte[dataBytes]);
    }

    private Path craftRaw(String name, long declaredHeaderLength, byte[] header, byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(declaredHeaderLength).array());
        out.write(header);
        out.write(data);
        Path file = dir.resolve(name);
        Files.write(file, out.toByteArray());
        return file;
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(Path fileOrFolder) {
        return assertThatThrownBy(() -> SafeTensors.open(fileOrFolder).close())
                .isInstanceOf(CheckpointFormatException.class);
    }

    private static HostTensor f16(int... bits) {
        ByteBuffer buf = ByteBuffer.allocate(bits.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int b : bits) {
            buf.putShort((short) b);
        }
        return HostTensor.of(DType.F16, new int[] {bits.length}, buf.flip());
    }

    @Test
    void aWrittenFileReadsBackTheSameTensorsAndMetadata() throws Exception {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        tensors.put("a.weight", HostTensor.ofFloats(new float[] {1, -2, 3.5f, Float.NaN, 0, 6}, 2, 3));
        tensors.put("ids", HostTensor.ofLongs(new long[] {7, -8}, 2));
        tensors.put("empty", HostTensor.ofFloats(new float[0], 0, 4));
        tensors.put("half", f16(0x3c00, 0x0001));
        Path file = dir.resolve("model.safetensors");

        SafeTensorsWriter.write(file, tensors, Map.of("format", "pt"));

        try (SafeTensors st = SafeTensors.open(file)) {
            assertThat(st.tensors().keySet()).containsExactly("a.weight", "ids", "empty", "half");
            assertThat(st.metadata()).containsExactly(Map.entry("format", "pt"));
            for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
                HostTensor read = st.get(e.getKey());
                assertThat(read.dtype()).as(e.getKey()).isEqualTo(e.getValue().dtype());
                assertThat(read.shape()).as(e.getKey()).isEqualTo(e.getValue().shape());
                assertThat(read.toBytes()).as(e.getKey()).isEqualTo(e.getValue().toBytes());
            }
            assertThat(st.getFloats("half")).containsExactly(1.0f, 0x1p-24f);
            assertThat(st.get("a.weight", 2, 3).numel()).isEqualTo(6);
        }
        long headerLength = ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(headerLength % 8).as("the header is padded to 8 bytes").isZero();
        assertThat(dir.toFile().list()).as("no partial file is left").containsExactly("model.safetensors");
    }

    @Test
    void aShapeCheckNamesTheTensorAndBothShapes() throws Exception {
        Path file = dir.resolve("model.safetensors");
        SafeTensorsWriter.write(file, Map.of("image_newline", HostTensor.ofFloats(new float[128], 128)));

        try (SafeTensors st = SafeTensors.open(file)) {
            assertThatThrownBy(() -> st.get("image_newline", 64)).isInstanceOf(CheckpointFormatException.class)
                    .hasMessage("model.safetensors 'image_newline': expected [64], got [128]");
            assertThatThrownBy(() -> st.get("absent")).isInstanceOf(CheckpointFormatException.class)
                    .hasMessage("model.safetensors: no tensor 'absent'");
        }
    }

    @Test
    void aShardedCheckpointOpensThroughItsIndex() throws Exception {
        SafeTensorsWriter.write(dir.resolve("model-00001-of-00002.safetensors"),
                Map.of("a", HostTensor.ofFloats(new float[] {1, 2}, 2)));
        SafeTensorsWriter.write(dir.resolve("model-00002-of-00002.safetensors"),
                Map.of("b", HostTensor.ofFloats(new float[] {3}, 1)));
        Files.writeString(dir.resolve(SafeTensors.INDEX_FILE), "{\"metadata\": {\"total_size\": 12}, \"weight_map\": "
                + "{\"a\": \"model-00001-of-00002.safetensors\", \"b\": \"model-00002-of-00002.safetensors\"}}");

        try (SafeTensors st = SafeTensors.open(dir)) {
            assertThat(st.getFloats("a")).containsExactly(1, 2);
            assertThat(st.getFloats("b")).containsExactly(3);
            assertThat(st.info("b").file().getFileName().toString()).isEqualTo("model-00002-of-00002.safetensors");
        }
    }

    @Test
    void aFolderWithoutWeightsIsRejectedNamingIt() {
        assertRejected(dir).hasMessage(dir + ": no model.safetensors and no model.safetensors.index.json");
    }

    @Test
    void closeIsIdempotentAndAClosedFileServesNoTensors() throws Exception {
        Path file = dir.resolve("model.safetensors");
        SafeTensorsWriter.write(file, Map.of("a", HostTensor.ofFloats(new float[] {1}, 1)));
        SafeTensors st = SafeTensors.open(file);

        st.close();
        st.close();

        assertThatThrownBy(() -> st.get("a")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsAFileShorterThanItsHeaderLength() throws Exception {
        Path file = dir.resolve("x.safetensors");
        Files.write(file, new byte[] {1, 2, 3});

        assertRejected(file).hasMessage("x.safetensors: 3 bytes, too short for a safetensors header");
    }

    @Test
    void rejectsAHeaderLengthBeyondTheFile() throws Exception {
        assertRejected(craftRaw("x.safetensors", 1000, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]))
                .hasMessage("x.safetensors: header length 1000 runs past the end of the file (10 bytes)");
    }

    @Test
    void rejectsAHeaderLengthAboveTheFormatsLimit() throws Exception {
        assertRejected(craftRaw("x.safetensors", 200L * 1024 * 1024, new byte[0], new byte[0]))
                .hasMessage("x.safetensors: header length 209715200 is beyond the format's limit of 104857600 bytes");
        assertRejected(craftRaw("y.safetensors", -1, new byte[0], new byte[0]))
                .hasMessageStartingWith("y.safetensors: header length 18446744073709551615 is beyond");
    }

    @Test
    void rejectsAHeaderThatIsNotJson() throws Exception {
        assertRejected(craft("x.safetensors", "{\"a\": ", 0)).hasMessageStartingWith("x.safetensors: header is not valid JSON");
        assertRejected(craftRaw("y.safetensors", 4, new byte[] {'{', '"', (byte) 0xc3, '}'}, new byte[0]))
                .hasMessage("y.safetensors: header is not UTF-8 text");
    }

    @Test
    void rejectsAHeaderThatIsNotAnObject() throws Exception {
        assertRejected(craft("x.safetensors", "[1, 2]", 0)).hasMessage("x.safetensors: header is not a JSON object");
    }

    @Test
    void rejectsContentAfterTheHeaderObjectButAcceptsPaddingSpaces() throws Exception {
        assertRejected(craft("x.safetensors", "{} {}", 0))
                .hasMessageStartingWith("x.safetensors: header");
        try (SafeTensors st = SafeTensors.open(craft("y.safetensors", "{}      ", 0))) {
            assertThat(st.tensors()).isEmpty();
        }
    }

    @Test
    void rejectsAnUnknownDtypeNamingTheTensor() throws Exception {
        assertRejected(craft("x.safetensors", "{\"w\": {\"dtype\": \"F8_E4M3\", \"shape\": [2], "
                + "\"data_offsets\": [0, 2]}}", 2))
                .hasMessageStartingWith("x.safetensors 'w': unknown dtype 'F8_E4M3'");
    }

    @Test
    void rejectsShapesWithNegativeOrFractionalDimensions() throws Exception {
        assertRejected(craft("x.safetensors", "{\"w\": {\"dtype\": \"F32\", \"shape\": [-1, 2], "
                + "\"data_offsets\": [0, 8]}}", 8))
                .hasMessage("x.safetensors 'w': shape [-1,2] must hold non-negative ints");
        assertRejected(craft("y.safetensors", "{\"w\": {\"dtype\": \"F32\", \"shape\": [1.5], "
                + "\"data_offsets\": [0, 4]}}", 4))
                .hasMessage("y.safetensors 'w': shape [1.5] must hold non-negative ints");
        assertRejected(craft("z.safetensors", "{\"w\": {\"dtype\": \"F32\", \"shape\": \"2\", "
                + "\"data_offsets\": [0, 8]}}", 8))
                .hasMessage("z.safetensors 'w': expected a shape array, got \"2\"");
    }

    @Test
    void rejectsDataOffsetsOutsideTheData() throws Exception {
        assertRejected(craft("x.safetensors", "{\"w\": {\"dtype\": \"F32\", \"shape\": [4], "
                + "\"data_offsets\": [0, 16]}}", 8))
                .hasMessage("x.safetensors 'w': data_offsets [0, 16] not within the 8 data bytes of the file");
    }

    @Test
    void rejectsAnEndBeforeTheBegin() throws Exception {
        assertRejected(craft("x.safetensors", "{\"w\": {\"dtype\": \"F32\", \"shape\": [1], "
                + "\"data_offsets\": [8, 4]}}", 8))
                .hasMessage("x.safetensors 'w': data_offsets [8, 4] not within the 8 data bytes of the file");
    }

    @Test
    void rejectsOverlappingTensorsNamingBoth() throws Exception {
        assertRejected(craft("x.safetensors", "{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}, "
                + "\"b\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [4, 12]}}", 12))
                .hasMessage("x.safetensors 'b': its bytes overlap those of 'a'");
    }

    @Test
    void rejectsHolesAndBytesAfterTheLastTensorAsTheReferenceDoes() throws Exception {
        assertRejected(craft("x.safetensors", "{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}, "
                + "\"b\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [8, 12]}}", 12))
                .hasMessageStartingWith("x.safetensors 'b': data_offsets begin at 8, leaving a hole after byte 4");
        assertRejected(craft("y.safetensors", "{\"a\": {\"dtype\": \"F32\", \"shape\": [1], "
                + "\"data_offsets\": [0, 4]}}", 6))
                .hasMessageStartingWith("y.safetensors: 2 bytes after the last tensor's data");
    }

    @Test
    void rejectsAByteLengthThatIsNotShapeTimesElementSize() throws Exception {
        assertRejected(craft("x.safetensors", "{\"w\": {\"dtype\": \"BF16\", \"shape\": [3], "
                + "\"data_offsets\": [0, 8]}}", 8))
                .hasMessage("x.safetensors 'w': BF16 [3] needs 6 bytes, data_offsets give 8");
    }

    @Test
    void rejectsATensorNamedTwiceInOneHeader() throws Exception {
        assertRejected(craft("x.safetensors", "{\"w\": {\"dtype\": \"U8\", \"shape\": [1], \"data_offsets\": [0, 1]}, "
                + "\"w\": {\"dtype\": \"U8\", \"shape\": [1], \"data_offsets\": [1, 2]}}", 2))
                .hasMessage("x.safetensors 'w': named twice in the header");
        assertRejected(craft("y.safetensors", "{\"w\": {\"dtype\": \"U8\", \"dtype\": \"F32\", \"shape\": [1], "
                + "\"data_offsets\": [0, 1]}}", 1))
                .hasMessageStartingWith("y.safetensors 'w': not valid JSON: Duplicate field 'dtype'");
    }

    @Test
    void rejectsMetadataWithValuesThatAreNotStrings() throws Exception {
        assertRejected(craft("x.safetensors", "{\"__metadata__\": {\"format\": \"pt\", \"step\": 3}}", 0))
                .hasMessage("x.safetensors '__metadata__.step': expected a string, got 3");
        assertRejected(craft("y.safetensors", "{\"__metadata__\": [\"pt\"]}", 0))
                .hasMessageStartingWith("y.safetensors '__metadata__': expected an object of strings");
    }

    @Test
    void rejectsAnEntryThatIsNotAnObject() throws Exception {
        assertRejected(craft("x.safetensors", "{\"w\": 3}", 0))
                .hasMessage("x.safetensors 'w': expected an object with dtype, shape, data_offsets");
    }

    private void writeIndex(String weightMap) throws Exception {
        Files.writeString(dir.resolve(SafeTensors.INDEX_FILE), "{\"weight_map\": " + weightMap + "}");
    }

    @Test
    void rejectsAnIndexNamingAMissingShard() throws Exception {
        writeIndex("{\"a\": \"model-00001-of-00002.safetensors\"}");

        assertRejected(dir).hasMessageStartingWith("model.safetensors.index.json $.weight_map['a']: shard "
                + "'model-00001-of-00002.safetensors' is not in ");
    }

    @Test
    void rejectsAnIndexMappingATensorToAShardThatLacksIt() throws Exception {
        SafeTensorsWriter.write(dir.resolve("one.safetensors"), Map.of("a", HostTensor.ofFloats(new float[] {1}, 1)));
        SafeTensorsWriter.write(dir.resolve("two.safetensors"), Map.of("b", HostTensor.ofFloats(new float[] {1}, 1)));
        writeIndex("{\"a\": \"two.safetensors\", \"b\": \"two.safetensors\"}");

        assertRejected(dir).hasMessage("model.safetensors.index.json: tensor 'a' is mapped to two.safetensors but "
                + "that file does not hold it");
    }

    @Test
    void rejectsShardPathsThatLeaveTheFolder() throws Exception {
        Path inner = Files.createDirectory(dir.resolve("ckpt"));
        SafeTensorsWriter.write(dir.resolve("outside.safetensors"), Map.of("a", HostTensor.ofFloats(new float[1], 1)));
        for (String shard : new String[] {"../outside.safetensors", dir.resolve("outside.safetensors").toString(),
                "sub/x.safetensors", "", ".."}) {
            Files.writeString(inner.resolve(SafeTensors.INDEX_FILE),
                    "{\"weight_map\": {\"a\": \"" + shard.replace("\\", "\\\\") + "\"}}");

            assertRejected(inner).as(shard).hasMessage("model.safetensors.index.json $.weight_map['a']: expected the "
                    + "name of a shard file in the checkpoint folder, got '" + shard + "'");
        }
    }

    @Test
    void rejectsATensorStoredInTwoShards() throws Exception {
        SafeTensorsWriter.write(dir.resolve("one.safetensors"), Map.of("a", HostTensor.ofFloats(new float[] {1}, 1)));
        SafeTensorsWriter.write(dir.resolve("two.safetensors"), Map.of("a", HostTensor.ofFloats(new float[] {2}, 1)));
        writeIndex("{\"a\": \"one.safetensors\", \"b\": \"two.safetensors\"}");

        assertRejected(dir).hasMessage("two.safetensors 'a': also stored in one.safetensors");
    }

    @Test
    void rejectsAnIndexWithoutAWeightMap() throws Exception {
        Files.writeString(dir.resolve(SafeTensors.INDEX_FILE), "{\"metadata\": {}}");

        assertRejected(dir).hasMessage("model.safetensors.index.json: expected an object at $.weight_map");
    }

    @Test
    void theWriterRefusesTheMetadataKeyAsATensorName() {
        assertThatThrownBy(() -> SafeTensorsWriter.write(dir.resolve("x.safetensors"),
                Map.of("__metadata__", HostTensor.ofFloats(new float[1], 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

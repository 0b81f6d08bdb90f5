package io.tagforge.engine.evaluate;

import io.tagforge.labelsystem.error.TagforgeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A 2-D float32 matrix in NumPy's {@code .npy} format (what {@code np.save(f, logits.numpy())} writes): a magic
 * string, a version, a Python-dict header with dtype, order and shape, then the raw values.
 */
public final class NpyFile {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,?\\s*\\)");

    private NpyFile() {
    }

    public static ScoreMatrix read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer preamble = readFully(channel, 0, 10, file);
            byte[] magic = new byte[6];
            preamble.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new TagforgeException(file + ": not a .npy file (no \\x93NUMPY magic)");
            }
            int major = preamble.get() & 0xff;
            preamble.get();
            long headerStart;
            long headerLength;
            if (major == 1) {
                headerStart = 10;
                headerLength = preamble.order(ByteOrder.LITTLE_ENDIAN).getShort(8) & 0xffff;
            } else if (major == 2 || major == 3) {
                headerStart = 12;
                headerLength = readFully(channel, 8, 4, file).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            } else {
                throw new TagforgeException(file + ": unsupported .npy version " + major);
            }
            if (headerLength > 1 << 20) {
                throw new TagforgeException(file + ": .npy header of " + headerLength + " bytes is not plausible");
            }
            ByteBuffer headerBytes = readFully(channel, headerStart, (int) headerLength, file);
            String header = StandardCharsets.ISO_8859_1.decode(headerBytes).toString();
            String descr = find(DESCR, header, file, "descr");
            if (!descr.equals("<f4") && !descr.equals("=f4") && !descr.equals("|f4")) {
                throw new TagforgeException(file + ": dtype " + descr + ", expected float32 ('<f4'); save with "
                        + "np.save(f, scores.astype('float32'))");
            }
            boolean fortran = find(FORTRAN, header, file, "fortran_order").equals("True");
            Matcher shape = SHAPE.matcher(header);
            if (!shape.find()) {
                throw new TagforgeException(file + ": shape is not 2-D (images x tags) in header " + header.strip());
            }
            long rows = Long.parseLong(shape.group(1));
            long columns = Long.parseLong(shape.group(2));
            long count = rows * columns;
            if (count > Integer.MAX_VALUE - 8) {
                throw new TagforgeException(file + ": " + rows + "x" + columns + " is too large");
            }
            long dataStart = headerStart + headerLength;
            if (channel.size() != dataStart + count * Float.BYTES) {
                throw new TagforgeException(file + ": " + (channel.size() - dataStart) + " data bytes, but shape "
                        + rows + "x" + columns + " needs " + count * Float.BYTES);
            }
            float[] values = new float[(int) count];
            readFully(channel, dataStart, (int) count * Float.BYTES, file)
                    .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            if (fortran) {
                values = transpose(values, (int) columns, (int) rows);
            }
            return new ScoreMatrix((int) rows, (int) columns, values);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes through a temporary file moved into place, so a reader never sees half a matrix. */
    public static void write(Path file, ScoreMatrix matrix) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + matrix.rows() + ", "
                + matrix.columns() + "), }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer buffer = ByteBuffer.allocate(10 + header.length() + matrix.values().length * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buffer.put(header.getBytes(StandardCharsets.ISO_8859_1));
        buffer.asFloatBuffer().put(matrix.values());
        try {
            Path parent = file.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            try {
                Files.write(tmp, buffer.array());
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String find(Pattern pattern, String header, Path file, String key) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new TagforgeException(file + ": .npy header has no '" + key + "': " + header.strip());
        }
        return m.group(1);
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length, Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new TagforgeException(file + ": truncated .npy file");
            }
        }
        return buffer.flip();
    }

    private static float[] transpose(float[] columnMajor, int columns, int rows) {
        float[] rowMajor = new float[columnMajor.length];
        for (int c = 0; c < columns; c++) {
            for (int r = 0; r < rows; r++) {
                rowMajor[r * columns + c] = columnMajor[c * rows + r];
            }
        }
        return rowMajor;
    }
}

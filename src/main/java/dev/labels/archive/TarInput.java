package dev.labels.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Where {@link TarScanner} reads a tar from: a file, where skipping a body is moving a position (a 2 GB layer
 * costs nothing), or a stream (gzip), where skipping means reading past.
 */
interface TarInput {

    /**
     * Fills {@code buffer} completely.
     *
     * @return false when the input had already ended (not a single byte was read)
     * @throws EOFException when the input ends part way through
     */
    boolean readFully(byte[] buffer) throws IOException;

    /** Moves past {@code bytes} bytes; {@link EOFException} when the input ends first. */
    void skip(long bytes) throws IOException;

    /** Bytes consumed so far. */
    long position();

    /** Total size when known (a file), else -1. */
    long size();

    static TarInput of(FileChannel channel) throws IOException {
        return new ChannelInput(channel, channel.size());
    }

    static TarInput of(InputStream stream) {
        return new StreamInput(stream);
    }

    /** Positional reads on a file: nothing is read that is not asked for. */
    final class ChannelInput implements TarInput {
        private final FileChannel channel;
        private final long size;
        private long position;

        private ChannelInput(FileChannel channel, long size) {
            this.channel = channel;
            this.size = size;
        }

        @Override
        public boolean readFully(byte[] buffer) throws IOException {
            ByteBuffer target = ByteBuffer.wrap(buffer);
            while (target.hasRemaining()) {
                int read = channel.read(target, position + target.position());
                if (read < 0) {
                    if (target.position() == 0) {
                        return false;
                    }
                    throw new EOFException();
                }
            }
            position += buffer.length;
            return true;
        }

        @Override
        public void skip(long bytes) throws IOException {
            if (position + bytes > size) {
                position = size;
                throw new EOFException();
            }
            position += bytes;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public long size() {
            return size;
        }
    }

    /** A stream read once, front to back. */
    final class StreamInput implements TarInput {
        private final InputStream stream;
        private long position;

        private StreamInput(InputStream stream) {
            this.stream = stream;
        }

        @Override
        public boolean readFully(byte[] buffer) throws IOException {
            int read = stream.readNBytes(buffer, 0, buffer.length);
            position += read;
            if (read == 0 && buffer.length > 0) {
                return false;
            }
            if (read < buffer.length) {
                throw new EOFException();
            }
            return true;
        }

        @Override
        public void skip(long bytes) throws IOException {
            stream.skipNBytes(bytes);
            position += bytes;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public long size() {
            return -1;
        }
    }
}

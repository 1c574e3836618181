package io.github.linkroute.publisher.link;

import org.apache.qpid.proton.codec.WritableBuffer;
import org.apache.qpid.proton.message.impl.MessageImpl;

/**
 * A message already encoded (to check it encodes, and for the spool): vertx-proton's send() encodes
 * through {@link MessageImpl#encode(WritableBuffer)}, so handing it these bytes saves a second encoding
 * of every message, re-sends included. Only the bytes are kept; nothing reads its sections.
 */
final class PreEncodedMessage extends MessageImpl {

    private final byte[] bytes;

    PreEncodedMessage(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int encode(WritableBuffer buffer) {
        buffer.put(bytes, 0, bytes.length);
        return bytes.length;
    }

    @Override
    public int encode(byte[] target, int offset, int length) {
        if (bytes.length > length) {
            throw new java.nio.BufferOverflowException();
        }
        System.arraycopy(bytes, 0, target, offset, bytes.length);
        return bytes.length;
    }
}

package io.github.linkroute.publisher.spool;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The spool's record layouts. One journal record holds a batch of messages (all those taken in one turn
 * of the link's event loop), each as: id, emitter sequence (or 0), taken-at epoch ms, length, the
 * encoded AMQP message exactly as sent. Settlements are update records on their batch listing the ids
 * that left it; the batch record is deleted once all have. Two or three journal operations per batch
 * instead of two per message: each is a task on the journal's executor, which is what the spool cost.
 */
final class SpoolRecords {

    static final byte HIGHEST_SEQUENCE = 2;
    static final byte BATCH = 3;
    static final byte SETTLED = 4;

    private SpoolRecords() {
    }

    static byte[] batch(List<SpooledMessage> messages) {
        int size = Integer.BYTES;
        for (SpooledMessage message : messages) {
            size += 3 * Long.BYTES + Integer.BYTES + message.amqp().length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).putInt(messages.size());
        for (SpooledMessage message : messages) {
            buffer.putLong(message.id()).putLong(message.sequence()).putLong(message.takenAt())
                    .putInt(message.amqp().length).put(message.amqp());
        }
        return buffer.array();
    }

    static List<SpooledMessage> readBatch(byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        int count = buffer.getInt();
        List<SpooledMessage> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long id = buffer.getLong();
            long sequence = buffer.getLong();
            long takenAt = buffer.getLong();
            byte[] amqp = new byte[buffer.getInt()];
            buffer.get(amqp);
            messages.add(new SpooledMessage(id, sequence, takenAt, amqp));
        }
        return messages;
    }

    static byte[] settled(List<Long> ids) {
        ByteBuffer buffer = ByteBuffer.allocate(Integer.BYTES + ids.size() * Long.BYTES).putInt(ids.size());
        ids.forEach(buffer::putLong);
        return buffer.array();
    }

    static long[] readSettled(byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        long[] ids = new long[buffer.getInt()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = buffer.getLong();
        }
        return ids;
    }
}

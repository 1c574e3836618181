package io.github.linkroute.publisher.spool;

/**
 * A message read back from the spool: its spool id (the order it was taken in), the emitter's sequence
 * (0: none), when it was taken (epoch ms) and its AMQP bytes, exactly as first sent.
 */
public record SpooledMessage(long id, long sequence, long takenAt, byte[] amqp) {
}

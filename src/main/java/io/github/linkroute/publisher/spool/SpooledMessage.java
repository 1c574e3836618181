package io.github.linkroute.publisher.spool;

/** A message read back from the spool: its spool id (the order it was taken in), sequence (0: none) and AMQP bytes. */
public record SpooledMessage(long id, long sequence, byte[] amqp) {
}

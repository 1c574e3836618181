package io.github.linkroute.publisher.link;

import java.nio.BufferOverflowException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.github.linkroute.publisher.spool.Spool;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Turns a channel message into an AMQP message (durable, with a message id the broker de-duplicates on) and checks it encodes. */
final class AmqpMessages {

    /** Artemis drops a message whose duplicate-id it has already stored (also across restarts). */
    static final String DUPLICATE_ID_PROPERTY = "_AMQ_DUPL_ID";

    private AmqpMessages() {
    }

    static org.apache.qpid.proton.message.Message toAmqp(Message<?> message, String messageId, boolean durable) {
        org.apache.qpid.proton.message.Message amqp = org.apache.qpid.proton.message.Message.Factory.create();
        OutgoingAmqpMetadata metadata = message.getMetadata(OutgoingAmqpMetadata.class).orElse(null);
        Map<String, Object> properties = new HashMap<>();
        if (metadata != null) {
            JsonObject given = metadata.getProperties();
            if (given != null) {
                properties.putAll(given.getMap());
            }
            if (metadata.getSubject() != null) {
                amqp.setSubject(metadata.getSubject());
            }
            if (metadata.getCorrelationId() != null) {
                amqp.setCorrelationId(metadata.getCorrelationId());
            }
            if (metadata.getContentType() != null) {
                amqp.setContentType(metadata.getContentType());
            }
            if (metadata.getTtl() > 0) {
                amqp.setTtl(metadata.getTtl());
            }
        }
        properties.putIfAbsent(DUPLICATE_ID_PROPERTY, messageId);
        amqp.setApplicationProperties(new ApplicationProperties(properties));
        amqp.setMessageId(messageId);
        amqp.setDurable(durable);
        setBody(amqp, message.getPayload());
        return amqp;
    }

    /**
     * The message's bytes, as the spool keeps them. Encoding here also proves it encodes: vertx-proton
     * encodes inside send(), after the delivery exists, so a failure there would leave a dangling
     * delivery that the next message's bytes land in.
     */
    static byte[] encode(org.apache.qpid.proton.message.Message amqp) {
        for (int size = 1024;; size *= 4) {
            byte[] buffer = new byte[size];
            try {
                return Arrays.copyOf(buffer, amqp.encode(buffer, 0, size));
            } catch (BufferOverflowException tooSmall) {
                // try a larger buffer
            }
        }
    }

    /** The emitter's running number carried by the message, or 0. */
    static long sequence(org.apache.qpid.proton.message.Message amqp) {
        Object value = amqp.getApplicationProperties() == null ? null
                : amqp.getApplicationProperties().getValue().get(Spool.SEQUENCE_PROPERTY);
        return value instanceof Number number ? number.longValue() : 0;
    }

    /** A message read back from the spool, exactly as it was first sent. */
    static org.apache.qpid.proton.message.Message decode(byte[] bytes) {
        org.apache.qpid.proton.message.Message amqp = org.apache.qpid.proton.message.Message.Factory.create();
        amqp.decode(bytes, 0, bytes.length);
        return amqp;
    }

    /** The application's message id when it gave one, otherwise a new UUID. */
    static String messageId(Message<?> message) {
        return message.getMetadata(OutgoingAmqpMetadata.class)
                .map(OutgoingAmqpMetadata::getMessageId)
                .filter(id -> !id.isBlank())
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    private static void setBody(org.apache.qpid.proton.message.Message amqp, Object payload) {
        if (payload instanceof String text) {
            amqp.setBody(new AmqpValue(text));
        } else if (payload instanceof byte[] bytes) {
            amqp.setBody(new Data(new Binary(bytes)));
        } else if (payload instanceof Buffer buffer) {
            amqp.setBody(new Data(new Binary(buffer.getBytes())));
        } else if (payload instanceof JsonObject || payload instanceof JsonArray) {
            amqp.setBody(new AmqpValue(payload.toString()));
            setJson(amqp);
        } else if (payload != null) {
            amqp.setBody(new AmqpValue(Json.encode(payload)));
            setJson(amqp);
        }
    }

    private static void setJson(org.apache.qpid.proton.message.Message amqp) {
        if (amqp.getContentType() == null) {
            amqp.setContentType("application/json");
        }
    }
}

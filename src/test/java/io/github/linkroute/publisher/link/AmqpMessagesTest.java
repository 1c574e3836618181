package io.github.linkroute.publisher.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.vertx.core.json.JsonObject;

/** How a channel message becomes an AMQP message, and that a payload that cannot be encoded is refused loudly. */
class AmqpMessagesTest {

    @Test
    void keepsTheApplicationsIdAndPropertiesAndAddsTheDuplicateId() {
        Message<String> message = Message.of("hello", Metadata.of(OutgoingAmqpMetadata.builder()
                .withMessageId("id-1").withApplicationProperties(new JsonObject().put("sequence", 7L)).build()));
        String id = AmqpMessages.messageId(message);
        org.apache.qpid.proton.message.Message amqp = AmqpMessages.toAmqp(message, id, true);

        assertThat(id).isEqualTo("id-1");
        assertThat(amqp.getMessageId()).isEqualTo("id-1");
        assertThat(amqp.isDurable()).isTrue();
        assertThat(((AmqpValue) amqp.getBody()).getValue()).isEqualTo("hello");
        assertThat(amqp.getApplicationProperties().getValue())
                .containsEntry("sequence", 7L).containsEntry(AmqpMessages.DUPLICATE_ID_PROPERTY, "id-1");
    }

    @Test
    void aMessageWithoutIdGetsAFreshOne() {
        Message<String> message = Message.of("x");
        assertThat(AmqpMessages.messageId(message)).isNotBlank().isNotEqualTo(AmqpMessages.messageId(message));
    }

    @Test
    void anUnencodablePayloadThrowsSoTheLinkCanNackIt() {
        Message<Object> message = Message.of(new Object());
        assertThatThrownBy(() -> AmqpMessages.toAmqp(message, "id", true)).isInstanceOf(RuntimeException.class);
    }
}

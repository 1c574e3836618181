package io.github.linkroute.publisher.support;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.qpid.proton.message.Message;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Records every transfer's message, decoded, in wire order, so tests can assert ids, sequences and order. */
public final class DecodedTransfers {

    private final List<Message> messages = new CopyOnWriteArrayList<>();

    /** A payload matcher for {@code expectTransfer().withPayload(...)} that accepts and records any message. */
    public Matcher<ByteBuffer> record() {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(ByteBuffer payload) {
                Message message = Message.Factory.create();
                byte[] bytes = new byte[payload.remaining()];
                payload.duplicate().get(bytes);
                message.decode(bytes, 0, bytes.length);
                messages.add(message);
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("any AMQP message");
            }
        };
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    public List<Object> messageIds() {
        return messages.stream().map(Message::getMessageId).toList();
    }

    public List<Object> property(String name) {
        return messages.stream().map(m -> m.getApplicationProperties().getValue().get(name)).toList();
    }
}

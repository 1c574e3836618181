/**
 * The outgoing link: a connector whose sender survives a lost link route.
 * <p>
 * Words used with one meaning each: <b>flush</b> sends what the link's credit allows; <b>credit</b> is
 * AMQP link credit (vertx-proton's {@code sendQueueDrainHandler} is our credit handler; the AMQP
 * {@code drain} flag is not used); <b>drain</b> is shutdown's wait for outstanding settlements
 * ({@code drain-timeout}, {@link io.github.linkroute.publisher.link.LinkDrain}); the backlog is emptied
 * with {@code removeEach}.
 */
package io.github.linkroute.publisher.link;

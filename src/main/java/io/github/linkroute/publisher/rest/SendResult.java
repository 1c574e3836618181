package io.github.linkroute.publisher.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What {@code POST /messages} answers: the ids the service took and what became of them so far. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendResult(
        List<String> ids,
        String outcome,
        int accepted,
        int pending,
        Integer notTaken,
        String condition,
        String description,
        String reason) {

    /** Every message settled as ACCEPTED within the wait. */
    public static final String ACCEPTED = "ACCEPTED";
    /** Taken and buffered, not settled within the wait: it goes out when the link is back. */
    public static final String PENDING = "PENDING";
    /** The broker refused (at least) one message; it is not re-sent. */
    public static final String REJECTED = "REJECTED";
    /** Given up on (released too often, or the service stopped). */
    public static final String FAILED = "FAILED";
    /** The spool could not store them (directory not writable, disk full): not taken, see {@code reason}. */
    public static final String NOT_TAKEN = "NOT_TAKEN";
    /** The buffer was full: the ones listed were taken, {@code notTaken} were not. */
    public static final String BUFFER_FULL = "BUFFER_FULL";
}

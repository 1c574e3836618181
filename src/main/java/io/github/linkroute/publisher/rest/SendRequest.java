package io.github.linkroute.publisher.rest;

import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A {@code POST /messages} body, read by hand so that every bad input gets its own status and
 * reason: plain text, or JSON {@code {"body": "...", "count": n}}.
 */
record SendRequest(String body, int count) {

    /** Either a request or the error response to send back. */
    record Parsed(SendRequest request, Response error) {
    }

    static Parsed parse(MediaType type, byte[] raw, int maxBytes, int maxCount, ObjectMapper mapper) {
        if (raw.length > maxBytes) {
            return error(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "body is " + raw.length + " bytes, at most " + maxBytes + " are accepted");
        }
        if (type == null) {
            return error(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                    "no Content-Type: send text/plain or application/json");
        }
        if (type.isCompatible(MediaType.TEXT_PLAIN_TYPE)) {
            String text = new String(raw, StandardCharsets.UTF_8);
            return text.isBlank() ? error(Response.Status.BAD_REQUEST, "empty body: nothing to send")
                    : new Parsed(new SendRequest(text, 1), null);
        }
        if (!type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return error(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                    "content type " + type + " is not accepted; send text/plain or application/json");
        }
        if (raw.length == 0) {
            return error(Response.Status.BAD_REQUEST, "empty body: expected {\"body\": \"...\", \"count\": n}");
        }
        JsonNode json;
        try {
            json = mapper.readTree(raw);
        } catch (JsonProcessingException e) {
            return error(Response.Status.BAD_REQUEST, "malformed JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            return error(Response.Status.BAD_REQUEST, "unreadable body: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            return error(Response.Status.BAD_REQUEST, "expected a JSON object {\"body\": \"...\", \"count\": n}");
        }
        JsonNode body = json.get("body");
        if (body == null || !body.isTextual() || body.asText().isBlank()) {
            return error(Response.Status.BAD_REQUEST, "\"body\" must be a non-empty string");
        }
        JsonNode count = json.get("count");
        if (count != null && !count.isNull() && (!count.isInt() || count.asInt() < 1 || count.asInt() > maxCount)) {
            return error(Response.Status.BAD_REQUEST, "\"count\" must be an integer from 1 to " + maxCount);
        }
        return new Parsed(new SendRequest(body.asText(), count == null || count.isNull() ? 1 : count.asInt()), null);
    }

    private static Parsed error(Response.Status status, String reason) {
        return new Parsed(null, ErrorBody.response(status, reason));
    }
}

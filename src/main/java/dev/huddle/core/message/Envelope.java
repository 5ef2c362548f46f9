package dev.huddle.core.message;

/** A message together with the caller's delivery record of it. */
public record Envelope(Message message, Delivery delivery) {}

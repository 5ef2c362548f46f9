package dev.huddle.app.summary;

/** A collected round and its Markdown report. */
public record SummaryReportView(SummaryState state, String markdown) {}

package dev.huddle.server;

import jakarta.servlet.http.HttpServlet;

/**
 * A servlet of another face mounted beside the API, behind the same filters: the MCP SDK's
 * streamable-HTTP transport is an {@link HttpServlet} that needs async support
 * ({@code new ServletMount("/mcp/*", transport)}).
 */
public record ServletMount(String pathSpec, HttpServlet servlet) {}

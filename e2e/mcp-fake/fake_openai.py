#!/usr/bin/env python3
"""The Codex harness's fake_openai.py (path in E2E_FAKE_OPENAI), plus one thing it lacks: a scripted
{"call": {"namespace": NS, "name": TOOL, ...}} becomes a function_call with that `namespace`. Codex
0.169 offers an MCP server's tools to the model as one Responses API namespace tool (`mcp__huddle`
holding `start_session`, `reserve`, ...), and routes a call by namespace and name, so the model's
call must carry both. Used by e2e/mcp_clients.py's Codex scenarios only.
"""
import importlib.util, os

spec = importlib.util.spec_from_file_location("fake_openai_harness", os.environ["E2E_FAKE_OPENAI"])
harness = importlib.util.module_from_spec(spec)
spec.loader.exec_module(harness)
plain = harness.out_items


def out_items(blocks, k):
    items = plain(blocks, k)
    for block, item in zip(blocks, items):
        namespace = (block.get("call") or {}).get("namespace")
        if namespace:
            item["namespace"] = namespace
    return items


harness.out_items = out_items
harness.main()

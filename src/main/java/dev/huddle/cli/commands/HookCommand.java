package dev.huddle.cli.commands;

import dev.huddle.cli.Command;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.args.ArgSpec;

/**
 * {@code huddle hook PROGRAM [EVENT]}: the agent programs' hooks (DESIGN §5). Listed here for the
 * help texts only: {@code Main} hands every hook call to the hook face ({@code dev.huddle.hook})
 * before the CLI parses or maps errors, because an agent program lets an edit through on any exit
 * code but 0 and 2.
 */
public final class HookCommand implements Command {

    @Override
    public String name() {
        return "hook";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("hook claude|codex|gemini|cursor [EVENT] [--agent ID] [--db PATH]",
                        "answer an agent program's hook (JSON on stdin), e.g. hook claude pre-tool-use")
                .positionals(1, 2)
                .build();
    }

    @Override
    public int run(Invocation inv) {
        throw new IllegalStateException("huddle hook is run by the hook face, before the CLI parses its arguments");
    }
}

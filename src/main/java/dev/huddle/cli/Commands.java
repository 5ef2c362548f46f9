package dev.huddle.cli;

import dev.huddle.cli.commands.AgentsCommand;
import dev.huddle.cli.commands.BackupCommand;
import dev.huddle.cli.commands.CheckCommand;
import dev.huddle.cli.commands.ClaimCommand;
import dev.huddle.cli.commands.DecideCommand;
import dev.huddle.cli.commands.DepCommand;
import dev.huddle.cli.commands.ExportCommand;
import dev.huddle.cli.commands.FrontierCommand;
import dev.huddle.cli.commands.GcCommand;
import dev.huddle.cli.commands.GuardCommand;
import dev.huddle.cli.commands.HeartbeatCommand;
import dev.huddle.cli.commands.HookCommand;
import dev.huddle.cli.commands.ImportCommand;
import dev.huddle.cli.commands.InboxCommand;
import dev.huddle.cli.commands.InitCommand;
import dev.huddle.cli.commands.InstallCommand;
import dev.huddle.cli.commands.LeaveCommand;
import dev.huddle.cli.commands.LockCommand;
import dev.huddle.cli.commands.MigrateCommand;
import dev.huddle.cli.commands.LocksCommand;
import dev.huddle.cli.commands.LogCommand;
import dev.huddle.cli.commands.OnboardCommand;
import dev.huddle.cli.commands.PrimeCommand;
import dev.huddle.cli.commands.QueueCommand;
import dev.huddle.cli.commands.ReadCommand;
import dev.huddle.cli.commands.ReadyCommand;
import dev.huddle.cli.commands.RecvCommand;
import dev.huddle.cli.commands.RegisterCommand;
import dev.huddle.cli.commands.RenewCommand;
import dev.huddle.cli.commands.SendCommand;
import dev.huddle.cli.commands.ServeCommand;
import dev.huddle.cli.commands.McpCommand;
import dev.huddle.cli.commands.StatusCommand;
import dev.huddle.cli.commands.SummaryCommand;
import dev.huddle.cli.commands.SyncCommand;
import dev.huddle.cli.commands.TaskChangeCommand;
import dev.huddle.cli.commands.TaskChangeCommand.Verb;
import dev.huddle.cli.commands.TaskCommand;
import dev.huddle.cli.commands.ThreadCommand;
import dev.huddle.cli.commands.TokenCommand;
import dev.huddle.cli.commands.UninstallCommand;
import dev.huddle.cli.commands.UnlockCommand;
import dev.huddle.cli.commands.WatchCommand;
import dev.huddle.cli.commands.WhoamiCommand;
import java.util.List;

/**
 * The command table. A switch rather than a map of instances, so a cold start loads only the
 * class of the command it runs.
 */
final class Commands {

    /** Names in the order help lists them, grouped as in DESIGN §6. */
    static final List<String> NAMES = List.of(
            "init", "onboard", "prime", "register", "whoami", "agents", "heartbeat", "leave",
            "send", "broadcast", "inbox", "recv", "read", "ack", "thread", "search",
            "lock", "unlock", "renew", "locks", "check", "frontier", "sync", "log", "watch", "status", "gc",
            "task", "ready", "claim", "claim-next", "unclaim", "done", "block", "unblock", "amend", "escalate", "reopen",
            "cancel", "dep", "queue", "decide", "decisions", "summary", "export", "import", "backup", "migrate", "hook",
            "install", "uninstall", "guard", "token", "serve", "mcp");

    private Commands() {}

    static Command find(String name) {
        return switch (name) {
            case "init" -> new InitCommand();
            case "onboard" -> new OnboardCommand();
            case "prime" -> new PrimeCommand();
            case "register" -> new RegisterCommand();
            case "whoami" -> new WhoamiCommand();
            case "agents" -> new AgentsCommand();
            case "heartbeat" -> new HeartbeatCommand();
            case "leave" -> new LeaveCommand();
            case "send" -> new SendCommand(false);
            case "broadcast" -> new SendCommand(true);
            case "inbox" -> new InboxCommand();
            case "recv" -> new RecvCommand();
            case "read" -> new ReadCommand(false);
            case "ack" -> new ReadCommand(true);
            case "thread" -> new ThreadCommand(false);
            case "search" -> new ThreadCommand(true);
            case "lock" -> new LockCommand();
            case "unlock" -> new UnlockCommand();
            case "renew" -> new RenewCommand();
            case "locks" -> new LocksCommand();
            case "check" -> new CheckCommand();
            case "frontier" -> new FrontierCommand();
            case "sync" -> new SyncCommand();
            case "log" -> new LogCommand();
            case "watch" -> new WatchCommand();
            case "status" -> new StatusCommand();
            case "gc" -> new GcCommand();
            case "backup" -> new BackupCommand();
            case "task" -> new TaskCommand();
            case "ready" -> new ReadyCommand();
            case "claim" -> new ClaimCommand(false);
            case "claim-next" -> new ClaimCommand(true);
            case "unclaim" -> new TaskChangeCommand(Verb.UNCLAIM);
            case "done" -> new TaskChangeCommand(Verb.DONE);
            case "block" -> new TaskChangeCommand(Verb.BLOCK);
            case "unblock" -> new TaskChangeCommand(Verb.UNBLOCK);
            case "amend" -> new TaskChangeCommand(Verb.AMEND);
            case "escalate" -> new TaskChangeCommand(Verb.ESCALATE);
            case "reopen" -> new TaskChangeCommand(Verb.REOPEN);
            case "cancel" -> new TaskChangeCommand(Verb.CANCEL);
            case "dep" -> new DepCommand();
            case "queue" -> new QueueCommand();
            case "decide" -> new DecideCommand(false);
            case "decisions" -> new DecideCommand(true);
            case "summary" -> new SummaryCommand();
            case "export" -> new ExportCommand();
            case "import" -> new ImportCommand();
            case "migrate" -> new MigrateCommand();
            case "install" -> new InstallCommand();
            case "uninstall" -> new UninstallCommand();
            case "guard" -> new GuardCommand();
            case "hook" -> new HookCommand();
            case "token" -> new TokenCommand();
            case "serve" -> new ServeCommand();
            case "mcp" -> new McpCommand();
            default -> null;
        };
    }
}

package dev.huddle.app;

import dev.huddle.app.decision.DecisionService;
import dev.huddle.app.decision.Decisions;
import dev.huddle.app.mirror.Exported;
import dev.huddle.app.mirror.Imported;
import dev.huddle.app.mirror.Mirror;
import dev.huddle.app.mirror.MirrorService;
import dev.huddle.app.summary.Summaries;
import dev.huddle.app.summary.SummaryOutcome;
import dev.huddle.app.summary.SummaryReportView;
import dev.huddle.app.summary.SummaryService;
import dev.huddle.app.summary.SummaryState;
import dev.huddle.app.task.Board;
import dev.huddle.app.task.BoardService;
import dev.huddle.app.task.BlockedTask;
import dev.huddle.app.task.ClaimOutcome;
import dev.huddle.app.task.DependencyChange;
import dev.huddle.app.task.DependencyTree;
import dev.huddle.app.task.NewTask;
import dev.huddle.app.task.QueueView;
import dev.huddle.app.task.ReadyList;
import dev.huddle.app.task.TaskDetail;
import dev.huddle.app.task.TaskOutcome;
import dev.huddle.app.task.TaskService;
import dev.huddle.app.task.Tasks;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.FencingToken;
import dev.huddle.core.task.Decision;
import dev.huddle.core.task.Dependency;
import dev.huddle.core.task.Task;
import dev.huddle.core.task.TaskFilter;
import dev.huddle.core.task.TaskId;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The work board's half of {@link LocalCoordinator}'s routing table (DESIGN §4.6, §4.7): each
 * family to its own class. A superclass only so that neither routing file grows past its budget.
 */
abstract class BoardRoutes implements Tasks, Board, Decisions, Summaries, Mirror {

    private final Tasks tasks;
    private final Board board;
    private final Decisions decisions;
    private final Summaries summaries;
    private final Mirror mirror;

    BoardRoutes(Context ctx) {
        this.tasks = new TaskService(ctx);
        this.board = new BoardService(ctx);
        this.decisions = new DecisionService(ctx);
        this.summaries = new SummaryService(ctx);
        this.mirror = new MirrorService(ctx);
    }

    @Override
    public Task create(NewTask request) {
        return tasks.create(request);
    }

    @Override
    public ClaimOutcome claim(AgentId caller, TaskId task, boolean reserve) {
        return tasks.claim(caller, task, reserve);
    }

    @Override
    public ClaimOutcome claimNext(AgentId caller, Optional<String> queue, boolean reserve) {
        return tasks.claimNext(caller, queue, reserve);
    }

    @Override
    public TaskOutcome unclaim(AgentId caller, TaskId task, Optional<FencingToken> token) {
        return tasks.unclaim(caller, task, token);
    }

    @Override
    public TaskOutcome done(AgentId caller, TaskId task, Optional<String> conclusion, Optional<FencingToken> token) {
        return tasks.done(caller, task, conclusion, token);
    }

    @Override
    public TaskOutcome block(AgentId caller, TaskId task, String reason) {
        return tasks.block(caller, task, reason);
    }

    @Override
    public TaskOutcome unblock(AgentId caller, TaskId task) {
        return tasks.unblock(caller, task);
    }

    @Override
    public TaskOutcome amend(AgentId caller, TaskId task, String text) {
        return tasks.amend(caller, task, text);
    }

    @Override
    public TaskOutcome escalate(AgentId caller, TaskId task, Optional<String> reason) {
        return tasks.escalate(caller, task, reason);
    }

    @Override
    public TaskOutcome reopen(AgentId caller, TaskId task, Optional<String> reason) {
        return tasks.reopen(caller, task, reason);
    }

    @Override
    public TaskOutcome cancel(AgentId caller, TaskId task, Optional<String> reason) {
        return tasks.cancel(caller, task, reason);
    }

    @Override
    public DependencyChange addDependency(AgentId caller, Dependency dependency) {
        return tasks.addDependency(caller, dependency);
    }

    @Override
    public DependencyChange removeDependency(AgentId caller, Dependency dependency) {
        return tasks.removeDependency(caller, dependency);
    }

    @Override
    public TaskDetail show(TaskId task) {
        return board.show(task);
    }

    @Override
    public List<Task> tasks(TaskFilter filter) {
        return board.tasks(filter);
    }

    @Override
    public ReadyList ready(Optional<String> queue, int limit) {
        return board.ready(queue, limit);
    }

    @Override
    public DependencyTree tree(TaskId task) {
        return board.tree(task);
    }

    @Override
    public List<QueueView> queues() {
        return board.queues();
    }

    @Override
    public List<Task> overdue(Optional<String> queue) {
        return board.overdue(queue);
    }

    @Override
    public List<BlockedTask> blocked() {
        return board.blocked();
    }

    @Override
    public Decision decide(AgentId caller, String text, Optional<TaskId> task) {
        return decisions.decide(caller, text, task);
    }

    @Override
    public List<Decision> decisions(Optional<TaskId> task, int limit) {
        return decisions.decisions(task, limit);
    }

    @Override
    public SummaryState startSummary(AgentId caller, Optional<List<AgentId>> order) {
        return summaries.startSummary(caller, order);
    }

    @Override
    public SummaryOutcome writeSummary(AgentId caller, String text) {
        return summaries.writeSummary(caller, text);
    }

    @Override
    public Optional<SummaryState> summaryStatus() {
        return summaries.summaryStatus();
    }

    @Override
    public SummaryReportView collectSummary(AgentId caller) {
        return summaries.collectSummary(caller);
    }

    @Override
    public Exported exportJsonl(Path file) {
        return mirror.exportJsonl(file);
    }

    @Override
    public Imported importJsonl(Path file) {
        return mirror.importJsonl(file);
    }

    @Override
    public Exported exportMarkdown(Path dir) {
        return mirror.exportMarkdown(dir);
    }
}

using Mediator;
using Tracker.BuildingBlocks.Results;

namespace Tracker.BuildingBlocks.Mediator;

/// <summary>
/// Work a command's handler wants done only once its changes are committed (e.g. evicting something cached).
/// Scoped to the request; dropped when the command fails.
/// </summary>
public sealed class AfterCommit
{
    private List<Action>? _actions;

    public void Add(Action action) => (_actions ??= []).Add(action);

    /// <summary>
    /// Set while the request runs inside a transaction its handlers only join (an Idempotency-Key request): a
    /// handler's success is not a commit then, so actions wait until the owner of the transaction commits.
    /// </summary>
    internal bool Deferred { get; set; }

    internal void Run()
    {
        if (Deferred)
        {
            return;
        }

        var actions = _actions;
        _actions = null;
        actions?.ForEach(action => action());
    }

    internal void Discard() => _actions = null;
}

/// <summary>
/// A module-wide reaction to every successful command of the module that registers it (e.g. a read cache that any
/// write invalidates), so that no slice has to remember to call it.
/// </summary>
public interface ICommitHook
{
    void Committed();
}

/// <summary>
/// Runs after a command's handler returned: handlers commit before they return, so a successful result means the
/// changes are durable. Then the request's <see cref="AfterCommit"/> actions and the module's commit hooks run.
/// </summary>
public sealed class AfterCommitBehavior<TMessage, TResponse>(AfterCommit afterCommit, IEnumerable<ICommitHook> hooks)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly bool IsCommand = typeof(IBaseCommand).IsAssignableFrom(typeof(TMessage));

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (!IsCommand)
        {
            return await next(message, cancellationToken);
        }

        var response = await next(message, cancellationToken);
        if (response is Result { IsFailure: true })
        {
            afterCommit.Discard();
            return response;
        }

        foreach (var hook in hooks)
        {
            if (hook.GetType().Assembly == typeof(TMessage).Assembly)
            {
                afterCommit.Add(hook.Committed);
            }
        }

        afterCommit.Run();

        return response;
    }
}

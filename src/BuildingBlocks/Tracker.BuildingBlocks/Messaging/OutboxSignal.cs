using System.Collections.Concurrent;

namespace Tracker.BuildingBlocks.Messaging;

/// <summary>
/// Wakes the dispatcher as soon as something was written to an outbox, instead of waiting for the next poll, and
/// tells it which outboxes were written to, so that a wake-up does not claim from the others.
/// </summary>
internal sealed class OutboxSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);
    private readonly ConcurrentDictionary<string, bool> _written = new(StringComparer.Ordinal);

    /// <summary>Something was written to the outbox of <paramref name="module"/>.</summary>
    public void Notify(string module)
    {
        _written[module] = true;
        if (_semaphore.CurrentCount == 0)
        {
            try
            {
                _semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another writer woke the dispatcher first; one wake-up is enough.
            }
        }
    }

    /// <summary>Whether <paramref name="module"/>'s outbox was written to since the last call (which forgets it).</summary>
    public bool TakeWritten(string module) => _written.TryRemove(module, out _);

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _semaphore.WaitAsync(timeout, cancellationToken);
}

using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Results;
using Tracker.BuildingBlocks.Security;

namespace Tracker.BuildingBlocks.Http.Idempotency;

/// <summary>Marks an operation that accepts Idempotency-Key.</summary>
public sealed class IdempotencyMetadata
{
    public static readonly IdempotencyMetadata Instance = new();

    private IdempotencyMetadata()
    {
    }
}

public static class IdempotentEndpoints
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotency-Replayed";

    /// <summary>
    /// The endpoint accepts <c>Idempotency-Key</c>: the first successful answer is stored with the write and replayed
    /// to retries (see <see cref="IdempotentRequestDelegate"/>). The key lives in the database of the module whose
    /// assembly declares the endpoint.
    /// </summary>
    public static RouteHandlerBuilder SupportsIdempotency(this RouteHandlerBuilder builder)
    {
        builder.WithMetadata(IdempotencyMetadata.Instance);
        builder.ProducesProblem(StatusCodes.Status409Conflict);
        builder.ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        // Wraps the finished request delegate (binding, filters, handler, result): the body must be buffered before
        // binding reads it, and the answer captured after the result has been written.
        builder.Finally(endpoint =>
        {
            var inner = endpoint.RequestDelegate ?? throw new InvalidOperationException($"{endpoint.DisplayName} has no request delegate.");
            var assembly = endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault()?.DeclaringType?.Assembly;
            var context = endpoint.ApplicationServices.GetServices<ModuleDbContextType>().SingleOrDefault(m => m.ContextType.Assembly == assembly)
                ?? throw new InvalidOperationException($"{endpoint.DisplayName}: Idempotency-Key needs the endpoint's module to register its DbContext.");
            endpoint.RequestDelegate = new IdempotentRequestDelegate(inner, context.ContextType).InvokeAsync;
        });
        return builder;
    }
}

/// <summary>
/// Runs a request that carries an Idempotency-Key exactly once per user and key (Stripe's model):
/// <list type="number">
/// <item>The key is reserved in its own short commit (insert-if-absent, unique on user + key), so a concurrent
/// duplicate sees the reservation at once and answers 409 instead of running the write a second time; a key used
/// with another request (method, path, query, body) answers 422; a completed key replays its answer.</item>
/// <item>The request then runs inside a transaction opened here on the module's scoped DbContext. Handlers join it
/// (SaveChanges, ExecuteUpdate and raw SQL on the same connection do so by themselves; explicit transactions through
/// <see cref="ModuleTransactions.BeginOrJoinTransactionAsync"/>), so their own commit is deferred to this one.</item>
/// <item>The answer is written to a buffer, stored on the reservation by an UPDATE in that same transaction, and
/// only after the commit is it sent. Write and stored answer therefore commit together or not at all: a response
/// lost after the commit is replayed to the retry, a crash before it leaves nothing but an expiring reservation.</item>
/// </list>
/// Error answers (anything but 2xx) are rolled back and the reservation freed: they changed nothing, so the client
/// may retry with the same key. Requests without the header (or from anonymous callers) run unchanged.
/// </summary>
internal sealed class IdempotentRequestDelegate(RequestDelegate inner, Type contextType)
{
    private static readonly string[] StoredHeaders = [HeaderNames.ContentType, HeaderNames.Location, HeaderNames.ETag];

    public async Task InvokeAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var user = services.GetRequiredService<ICurrentUser>();
        if (!http.Request.Headers.TryGetValue(IdempotentEndpoints.KeyHeader, out var values) || !user.IsAuthenticated)
        {
            await inner(http);
            return;
        }

        var key = values.Count == 1 ? values[0] : null;
        if (key is not { Length: > 0 and <= IdempotentRequest.KeyMaxLength } || key.Any(c => c is < '!' or > '~'))
        {
            await ConcurrencyErrors.IdempotencyKeyInvalid.ToProblem().ExecuteAsync(http);
            return;
        }

        var cancellationToken = http.RequestAborted;
        var options = services.GetRequiredService<IOptions<IdempotencyOptions>>().Value;
        var clock = services.GetRequiredService<TimeProvider>();
        var db = (ModuleDbContext)services.GetRequiredService(contextType);
        var store = new IdempotencyStore(db);
        var owner = Guid.NewGuid();
        var fingerprint = await FingerprintAsync(http.Request, cancellationToken);
        var claim = await store.ClaimAsync(user.Id, key, fingerprint, owner, clock.GetUtcNow().UtcDateTime, options, cancellationToken);
        switch (claim.Outcome)
        {
            case ClaimOutcome.Reused:
                await ConcurrencyErrors.IdempotencyKeyReused.ToProblem().ExecuteAsync(http);
                return;
            case ClaimOutcome.InProgress:
                await ConcurrencyErrors.IdempotencyInProgress.ToProblem().ExecuteAsync(http);
                return;
            case ClaimOutcome.Completed:
                await ReplayAsync(http, claim.Stored!, cancellationToken);
                return;
        }

        var completed = false;
        try
        {
            completed = await RunOnceAsync(http, db, store, user.Id, key, owner, clock, cancellationToken);
        }
        finally
        {
            if (!completed)
            {
                await ReleaseAsync(http, store, user.Id, key, owner);
            }
        }
    }

    /// <returns>True when the answer was stored and committed with the write.</returns>
    private async Task<bool> RunOnceAsync(HttpContext http, ModuleDbContext db, IdempotencyStore store, Guid userId, string key, Guid owner, TimeProvider clock, CancellationToken cancellationToken)
    {
        var response = http.Response;
        var body = http.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        var stored = false;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var captured = new StreamResponseBodyFeature(buffer);
            http.Features.Set<IHttpResponseBodyFeature>(captured);
            try
            {
                await inner(http);
                await captured.CompleteAsync();
            }
            finally
            {
                http.Features.Set(body);
            }

            if (response.StatusCode is >= 200 and < 300)
            {
                var headers = JsonSerializer.Serialize(StoredHeaders.Where(h => response.Headers.ContainsKey(h)).ToDictionary(h => h, h => response.Headers[h].ToString()));
                stored = await store.CompleteAsync(userId, key, owner, clock.GetUtcNow().UtcDateTime, response.StatusCode, headers, buffer.ToArray(), cancellationToken);
            }

            if (stored)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            else
            {
                // An error answer changed nothing; a success whose key a retry took over (this attempt outlived
                // LockTimeout) must not count twice: the retry runs the write instead.
                await transaction.RollbackAsync(cancellationToken);
            }
        }

        if (!stored && response.StatusCode is >= 200 and < 300)
        {
            response.Clear();
            await ConcurrencyErrors.IdempotencyInProgress.ToProblem().ExecuteAsync(http);
            return false;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(response.Body, cancellationToken);
        return stored;
    }

    private static async Task ReplayAsync(HttpContext http, IdempotentRequest stored, CancellationToken cancellationToken)
    {
        var response = http.Response;
        response.StatusCode = stored.StatusCode ?? StatusCodes.Status200OK;
        foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(stored.ResponseHeaders ?? "{}") ?? [])
        {
            response.Headers[name] = value;
        }

        response.Headers[IdempotentEndpoints.ReplayedHeader] = "true";
        if (stored.ResponseBody is { Length: > 0 } body)
        {
            await response.Body.WriteAsync(body, cancellationToken);
        }
    }

    private static async Task ReleaseAsync(HttpContext http, IdempotencyStore store, Guid userId, string key, Guid owner)
    {
        try
        {
            await store.ReleaseAsync(userId, key, owner, CancellationToken.None);
        }
        catch (Exception exception) when (exception is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            // The key then stays reserved until LockTimeout, after which a retry takes it over.
            http.RequestServices.GetRequiredService<ILogger<IdempotentRequestDelegate>>()
                .LogWarning(exception, "Could not free Idempotency-Key after a failed request");
        }
    }

    /// <summary>Method, path, query and the exact body bytes: "the same request" means all of them are equal.</summary>
    internal static async Task<string> FingerprintAsync(string method, string target, Stream body, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{method} {target}\n"));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task<string> FingerprintAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Buffered, so that binding reads the body again after it was hashed.
        request.EnableBuffering();
        var fingerprint = await FingerprintAsync(request.Method, $"{request.PathBase}{request.Path}{request.QueryString}", request.Body, cancellationToken);
        request.Body.Position = 0;
        return fingerprint;
    }
}

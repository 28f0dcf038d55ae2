namespace Tracker.BuildingBlocks.Results;

/// <summary>Errors of the HTTP concurrency mechanisms (If-Match, Idempotency-Key); the same in every module.</summary>
public static class ConcurrencyErrors
{
    /// <summary>The problem member that holds the resource as it is now, so a client can merge without another GET.</summary>
    public const string CurrentMember = "current";

    public static readonly Error VersionMismatch = new(
        "ERR_VERSION_MISMATCH", ErrorKind.PreconditionFailed,
        new("The resource has changed", "Ресурс изменился"),
        new("It was changed after the version named in If-Match; `current` holds it as it is now.", "Он изменён после версии, указанной в If-Match; `current` содержит его текущее состояние."));

    /// <summary>412 with the resource as it is now in <c>current</c> (its ETag goes into the header as well).</summary>
    public static Error VersionMismatchWith(object current) => VersionMismatch.WithExtension(CurrentMember, current);

    /// <summary>A write without If-Match that kept losing to other writes of the same rows, after its retries.</summary>
    public static readonly Error ConcurrentChanges = new(
        "ERR_CONCURRENT_CHANGES", ErrorKind.Conflict,
        new("Changed concurrently", "Изменено параллельно"),
        new("Other requests kept changing the same resources while this one ran; nothing was changed, send it again.", "Другие запросы всё время меняли те же ресурсы, пока выполнялся этот; ничего не изменено, повторите запрос."));

    public static readonly Error IdempotencyKeyReused = new(
        "ERR_IDEMPOTENCY_KEY_REUSED", ErrorKind.UnprocessableEntity,
        new("Idempotency key already used", "Ключ идемпотентности уже использован"),
        new("This Idempotency-Key was used for a different request; send a new key for a new request.", "Этот Idempotency-Key использован для другого запроса; для нового запроса нужен новый ключ."));

    public static readonly Error IdempotencyInProgress = new(
        "ERR_IDEMPOTENCY_IN_PROGRESS", ErrorKind.Conflict,
        new("Request still in progress", "Запрос ещё выполняется"),
        new("A request with this Idempotency-Key is still being processed; retry later.", "Запрос с этим Idempotency-Key ещё выполняется; повторите позже."));

    public static readonly Error IdempotencyKeyInvalid = new(
        "ERR_IDEMPOTENCY_KEY_INVALID", ErrorKind.BadRequest,
        new("Invalid idempotency key", "Неверный ключ идемпотентности"),
        new("Idempotency-Key must be 1 to 255 visible ASCII characters, sent once.", "Idempotency-Key должен состоять из 1–255 видимых символов ASCII и передаваться один раз."));

    public static readonly Error PreconditionInvalid = new(
        "ERR_PRECONDITION_INVALID", ErrorKind.BadRequest,
        new("Invalid precondition", "Неверное предусловие"),
        new("Send If-Match as one entity tag (the ETag of a previous answer) or *.", "Передайте в If-Match один тег сущности (ETag из предыдущего ответа) или *."));
}

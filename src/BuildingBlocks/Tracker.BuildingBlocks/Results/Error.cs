using System.Globalization;

namespace Tracker.BuildingBlocks.Results;

/// <summary>The HTTP family an error belongs to; the number is the status code it answers with.</summary>
public enum ErrorKind
{
    BadRequest = 400,
    Unauthorized = 401,
    Forbidden = 403,
    NotFound = 404,
    Conflict = 409,
    PreconditionFailed = 412,
    PayloadTooLarge = 413,
    UnsupportedMediaType = 415,
    UnprocessableEntity = 422,
    TooManyRequests = 429,
    Internal = 500,
    Unavailable = 503,
}

/// <summary>
/// A business or protocol error: a stable machine code plus localised title and detail. The detail is a composite
/// format string; <see cref="DetailArguments"/> fill it in, and <see cref="Extensions"/> travel as extra
/// problem+json members (e.g. how many items were available).
/// </summary>
public sealed record Error(string Code, ErrorKind Kind, LocalizedText Title, LocalizedText Detail)
{
    public IReadOnlyList<object?> DetailArguments { get; init; } = [];

    public IReadOnlyDictionary<string, object?> Extensions { get; init; } = new Dictionary<string, object?>();

    public int Status => (int)Kind;

    public Error WithDetail(params object?[] arguments) => this with { DetailArguments = arguments };

    public Error WithExtension(string name, object? value) =>
        this with { Extensions = new Dictionary<string, object?>(Extensions) { [name] = value } };

    public string TitleIn(CultureInfo culture) => Title.In(culture);

    public string DetailIn(CultureInfo culture) =>
        DetailArguments.Count == 0
            ? Detail.In(culture)
            : string.Format(culture, Detail.In(culture), [.. DetailArguments]);
}

namespace Tracker.BuildingBlocks.Http;

/// <summary>Thrown by the validation pipeline; answered as 400 ERR_VALIDATION with the errors per field.</summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The request failed validation.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

using System.Diagnostics.CodeAnalysis;

namespace Tracker.BuildingBlocks.Results;

/// <summary>The outcome of a use case: success, or an expected business <see cref="Results.Error"/>.</summary>
public class Result
{
    private static readonly Result SuccessResult = new(null);

    protected Result(Error? error) => Error = error;

    public Error? Error { get; }

    [MemberNotNullWhen(true, nameof(Error))]
    public bool IsFailure => Error is not null;

    public static Result Success() => SuccessResult;

    public static Result Failure(Error error) => new(error);

    public static implicit operator Result(Error error) => new(error);
}

/// <summary>The outcome of a use case that produces a value on success.</summary>
public sealed class Result<T> : Result
{
    private readonly T? _value;

    private Result(T value)
        : base(null) => _value = value;

    private Result(Error error)
        : base(error)
    {
    }

    public T Value => IsFailure
        ? throw new InvalidOperationException($"A failed result has no value ({Error.Code}).")
        : _value!;

    public static implicit operator Result<T>(T value) => new(value);

    public static implicit operator Result<T>(Error error) => new(error);
}

using FluentValidation;
using Mediator;
using Tracker.BuildingBlocks.Http;
using Tracker.BuildingBlocks.Http.Paging;

namespace Tracker.BuildingBlocks.Mediator;

/// <summary>
/// Runs every FluentValidation validator of a message (and the paging rules of a list query) before its handler;
/// failures become 400 with field errors.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        Dictionary<string, string[]>? errors = null;
        if (message is IPageQuery page)
        {
            foreach (var (field, error) in PageQueryValidation.Errors(page))
            {
                errors ??= [];
                errors[field] = [error];
            }
        }

        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            if (result.IsValid)
            {
                continue;
            }

            errors ??= [];
            foreach (var group in result.Errors.GroupBy(f => JsonPath(f.PropertyName)))
            {
                errors[group.Key] = [.. errors.GetValueOrDefault(group.Key, []), .. group.Select(f => f.ErrorMessage)];
            }
        }

        return errors is null ? await next(message, cancellationToken) : throw new RequestValidationException(errors);
    }

    /// <summary>Field names as the client wrote them: camelCase segments ("Items[0].Name" becomes "items[0].name").</summary>
    private static string JsonPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(segment =>
            segment.Length == 0 ? segment : char.ToLowerInvariant(segment[0]) + segment[1..]));
}

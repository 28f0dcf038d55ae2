using System.Globalization;
using System.Reflection;
using FluentValidation;
using Mediator;
using Tracker.BuildingBlocks.Http;
using Tracker.BuildingBlocks.Http.Paging;
using Tracker.BuildingBlocks.Validation;

namespace Tracker.BuildingBlocks.Mediator;

/// <summary>
/// Runs every FluentValidation validator of a message (and the paging rules of a list query) before its handler;
/// failures become 400 with field errors. Every string property of every message is checked for characters no
/// field may hold (<see cref="UnicodeText.IsStorable"/>) whether or not the module wrote a validator, so NUL never
/// reaches a database.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly (string Field, Func<TMessage, string?> Read)[] Texts = [.. typeof(TMessage)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.PropertyType == typeof(string) && p.GetMethod is not null && p.GetIndexParameters().Length == 0)
        .Select(p => (JsonPath(p.Name), (Func<TMessage, string?>)(m => (string?)p.GetValue(m))))];

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        Dictionary<string, string[]>? errors = null;
        HashSet<string>? unstorable = null;
        foreach (var (field, read) in Texts)
        {
            if (read(message) is { } text && !UnicodeText.IsStorable(text))
            {
                // Said once: the module's own rules for this field would only repeat it in other words.
                errors ??= [];
                errors[field] = [FieldMessages.ControlCharacters.In(CultureInfo.CurrentUICulture)];
                (unstorable ??= []).Add(field);
            }
        }

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
            foreach (var group in result.Errors.GroupBy(f => JsonPath(f.PropertyName)).Where(g => unstorable?.Contains(g.Key) != true))
            {
                errors[group.Key] = [.. errors.GetValueOrDefault(group.Key, []).Union(group.Select(f => f.ErrorMessage))];
            }
        }

        return errors is null ? await next(message, cancellationToken) : throw new RequestValidationException(errors);
    }

    /// <summary>Field names as the client wrote them: camelCase segments ("Items[0].Name" becomes "items[0].name").</summary>
    private static string JsonPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(segment =>
            segment.Length == 0 ? segment : char.ToLowerInvariant(segment[0]) + segment[1..]));
}

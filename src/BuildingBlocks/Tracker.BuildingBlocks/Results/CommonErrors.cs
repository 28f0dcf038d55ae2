namespace Tracker.BuildingBlocks.Results;

/// <summary>Errors that belong to the protocol rather than to a module; every module's responses may carry them.</summary>
public static class CommonErrors
{
    public static readonly Error Validation = new(
        "ERR_VALIDATION", ErrorKind.BadRequest,
        new("The request is not valid", "Запрос содержит ошибки"),
        new("One or more fields are invalid; see errors.", "Одно или несколько полей заполнены неверно; см. errors."));

    public static readonly Error MalformedJson = new(
        "ERR_MALFORMED_JSON", ErrorKind.BadRequest,
        new("Malformed JSON", "Некорректный JSON"),
        new("The request body is not valid JSON for this operation.", "Тело запроса не является корректным JSON для этой операции."));

    public static readonly Error BadRequest = new(
        "ERR_BAD_REQUEST", ErrorKind.BadRequest,
        new("Bad request", "Некорректный запрос"),
        new("The request could not be understood.", "Запрос не удалось разобрать."));

    public static readonly Error Unauthorized = new(
        "ERR_UNAUTHORIZED", ErrorKind.Unauthorized,
        new("Authentication required", "Требуется вход"),
        new("Sign in and send a valid bearer token.", "Войдите и передайте действующий bearer-токен."));

    public static readonly Error Forbidden = new(
        "ERR_FORBIDDEN", ErrorKind.Forbidden,
        new("Forbidden", "Доступ запрещён"),
        new("Your role does not allow this operation.", "Ваша роль не позволяет выполнить эту операцию."));

    public static readonly Error NotFound = new(
        "ERR_NOT_FOUND", ErrorKind.NotFound,
        new("Not found", "Не найдено"),
        new("Nothing exists at this address.", "По этому адресу ничего нет."));

    public static readonly Error MethodNotAllowed = new(
        "ERR_METHOD_NOT_ALLOWED", (ErrorKind)405,
        new("Method not allowed", "Метод не поддерживается"),
        new("This address does not accept this HTTP method.", "Этот адрес не поддерживает данный HTTP-метод."));

    public static readonly Error PayloadTooLarge = new(
        "ERR_PAYLOAD_TOO_LARGE", ErrorKind.PayloadTooLarge,
        new("Request too large", "Слишком большой запрос"),
        new("The request body exceeds the allowed size.", "Тело запроса превышает допустимый размер."));

    public static readonly Error UnsupportedMediaType = new(
        "ERR_UNSUPPORTED_MEDIA_TYPE", ErrorKind.UnsupportedMediaType,
        new("Unsupported media type", "Неподдерживаемый тип содержимого"),
        new("Send the body as application/json.", "Передайте тело запроса как application/json."));

    public static readonly Error TooManyRequests = new(
        "ERR_TOO_MANY_REQUESTS", ErrorKind.TooManyRequests,
        new("Too many requests", "Слишком много запросов"),
        new("Wait before trying again.", "Подождите перед следующей попыткой."));

    public static readonly Error Internal = new(
        "ERR_INTERNAL", ErrorKind.Internal,
        new("Internal error", "Внутренняя ошибка"),
        new("Something went wrong on our side; quote the trace id when reporting it.", "На сервере произошла ошибка; сообщите trace id при обращении."));

    public static readonly Error Unavailable = new(
        "ERR_UNAVAILABLE", ErrorKind.Unavailable,
        new("Service unavailable", "Сервис недоступен"),
        new("The service cannot answer right now.", "Сервис временно не может ответить."));

    private static readonly Dictionary<int, Error> ByStatus = new[]
    {
        BadRequest, Unauthorized, Forbidden, NotFound, MethodNotAllowed, PayloadTooLarge, UnsupportedMediaType,
        TooManyRequests, Internal, Unavailable,
    }.ToDictionary(e => e.Status);

    /// <summary>The error that describes a bare status code the framework produced (unknown route, wrong method...).</summary>
    public static Error ForStatus(int status) =>
        ByStatus.TryGetValue(status, out var error)
            ? error
            : new Error($"ERR_HTTP_{status}", (ErrorKind)status, new("Request failed", "Запрос не выполнен"), new("The request failed.", "Запрос не выполнен."));
}

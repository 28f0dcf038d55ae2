namespace Tracker.Modules.Identity;

internal static class IdentityErrors
{
    public static readonly Error InvalidCredentials = new(
        "ERR_INVALID_CREDENTIALS", ErrorKind.Unauthorized,
        new("Sign-in failed", "Вход не выполнен"),
        new("The username or password is wrong, or the account is deactivated.", "Неверное имя пользователя или пароль, либо учётная запись отключена."));

    public static readonly Error LoginThrottled = new(
        "ERR_LOGIN_THROTTLED", ErrorKind.TooManyRequests,
        new("Too many failed sign-ins", "Слишком много неудачных попыток входа"),
        new("Try again in {0} seconds.", "Повторите попытку через {0} с."));

    public static readonly Error InvalidRefreshToken = new(
        "ERR_INVALID_REFRESH_TOKEN", ErrorKind.Unauthorized,
        new("Session expired", "Сеанс истёк"),
        new("The refresh token is unknown, expired or already used; sign in again.", "Токен обновления неизвестен, истёк или уже использован; войдите снова."));

    public static readonly Error RegistrationDisabled = new(
        "ERR_REGISTRATION_DISABLED", ErrorKind.Forbidden,
        new("Registration is closed", "Регистрация закрыта"),
        new("Ask an administrator to create your account.", "Попросите администратора создать учётную запись."));

    public static readonly Error UsernameTaken = new(
        "ERR_USERNAME_TAKEN", ErrorKind.Conflict,
        new("Username taken", "Имя пользователя занято"),
        new("The username '{0}' is already in use.", "Имя пользователя «{0}» уже используется."));

    public static readonly Error UserNotFound = new(
        "ERR_USER_NOT_FOUND", ErrorKind.NotFound,
        new("User not found", "Пользователь не найден"),
        new("No user has the id {0}.", "Нет пользователя с идентификатором {0}."));

    public static readonly Error SelfLockout = new(
        "ERR_SELF_LOCKOUT", ErrorKind.Conflict,
        new("Cannot change your own access", "Нельзя изменить собственный доступ"),
        new("Administrators cannot demote or deactivate themselves; ask another administrator.", "Администратор не может понизить или отключить сам себя; обратитесь к другому администратору."));

    public static readonly Error LastAdmin = new(
        "ERR_LAST_ADMIN", ErrorKind.Conflict,
        new("The last administrator must stay", "Последний администратор должен остаться"),
        new("This is the last active administrator: make another user an administrator first.", "Это последний активный администратор: сначала назначьте администратором другого пользователя."));
}

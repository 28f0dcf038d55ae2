namespace Tracker.Modules.__Name__;

/// <summary>The module's business errors: codes are stable (clients branch on them), texts in English and Russian.</summary>
internal static class __Name__Errors
{
    public static readonly Error __Entity__NotFound = new(
        "__NOT_FOUND_CODE__", ErrorKind.NotFound,
        new("__Entity_words__ not found", "Запись не найдена"),
        new("No __entity_words__ has the id {0}.", "Нет записи с идентификатором {0}."));
}

using Tracker.Modules.Miniatures.Domain;

namespace Tracker.Modules.Miniatures;

internal static class MiniaturesErrors
{
    public static readonly Error TypeNotFound = new(
        "ERR_TYPE_NOT_FOUND", ErrorKind.NotFound,
        new("Miniature type not found", "Тип миниатюр не найден"),
        new("No miniature type has the id {0}.", "Нет типа миниатюр с идентификатором {0}."));

    public static readonly Error TypeNameTaken = new(
        "ERR_TYPE_NAME_TAKEN", ErrorKind.Conflict,
        new("Name already used", "Имя уже занято"),
        new("A miniature type named '{0}' already exists.", "Тип миниатюр с именем «{0}» уже существует."));

    public static readonly Error InsufficientQty = new(
        "ERR_INSUFFICIENT_QTY", ErrorKind.BadRequest,
        new("Not enough miniatures", "Недостаточно миниатюр"),
        new("{0} holds {1}; cannot move {2}.", "В стадии {0} только {1}; нельзя переместить {2}."));

    public static readonly Error InvalidStageTransition = new(
        "ERR_INVALID_STAGE_TRANSITION", ErrorKind.BadRequest,
        new("Moves go forward only", "Перемещение только вперёд"),
        new("Cannot move from {0} to {1}: miniatures only move to a later stage.", "Нельзя переместить из {0} в {1}: миниатюры перемещаются только на более позднюю стадию."));

    public static readonly Error InvalidQty = new(
        "ERR_INVALID_QTY", ErrorKind.BadRequest,
        new("Invalid quantity", "Неверное количество"),
        new($"The quantity must be between 1 and {Quantities.MaxPerOperation}.", $"Количество должно быть от 1 до {Quantities.MaxPerOperation}."));

    public static readonly Error TypeFull = new(
        "ERR_TYPE_FULL", ErrorKind.BadRequest,
        new("Type is full", "Тип заполнен"),
        new($"A miniature type holds at most {Quantities.MaxPerType} miniatures.", $"Тип миниатюр вмещает не более {Quantities.MaxPerType} миниатюр."));

    public static readonly Error ImportInvalid = new(
        "ERR_IMPORT_INVALID", ErrorKind.BadRequest,
        new("Import rejected", "Импорт отклонён"),
        new("The document has {0} problem(s); nothing was imported. See errors.", "В документе проблем: {0}; ничего не импортировано. См. errors."));
}

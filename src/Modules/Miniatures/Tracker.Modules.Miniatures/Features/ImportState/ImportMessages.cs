using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Miniatures.Domain;
using Tracker.Modules.Miniatures.Features.Shared;

namespace Tracker.Modules.Miniatures.Features.ImportState;

/// <summary>
/// What an import problem says about its field, in every language Tracker speaks; what any body can get wrong
/// (required, repeated, unknown members) is said in the words of <see cref="FieldMessages"/>.
/// </summary>
internal static class ImportMessages
{
    public static readonly LocalizedText NotJson = new("Not valid JSON for an export document.", "Это не JSON документа экспорта.");
    public static readonly LocalizedText NotADocument = new("Expected an export document (a JSON object).", "Ожидается документ экспорта (JSON-объект).");
    public static readonly LocalizedText TrailingContent = new("Unexpected content after the document.", "Лишнее содержимое после документа.");
    public static readonly LocalizedText WrongFormat = new($"Expected \"{ExportDocument.FormatName}\".", $"Ожидается \"{ExportDocument.FormatName}\".");
    public static readonly LocalizedText WrongVersion = new($"Only version {ExportDocument.CurrentVersion} is supported.", $"Поддерживается только версия {ExportDocument.CurrentVersion}.");
    public static readonly LocalizedText NotADate = new("Expected a date and time (ISO 8601).", "Ожидаются дата и время (ISO 8601).");
    public static readonly LocalizedText InTheFuture = new("Lies in the future.", "Дата в будущем.");
    public static readonly LocalizedText TypesRequired = new("Required: an array of types.", "Обязательное поле: массив типов.");
    public static readonly LocalizedText TooManyTypes = new($"At most {ImportDocumentReader.MaxTypes} types per document.", $"Не более {ImportDocumentReader.MaxTypes} типов в документе.");
    public static readonly LocalizedText TypeRequired = new("Required: a type.", "Обязательно: тип.");
    public static readonly LocalizedText NotAUuid = new("Expected a UUID.", "Ожидается UUID.");
    public static readonly LocalizedText NameRequired = new($"Required, at most {MiniatureType.NameMaxLength} characters.", $"Обязательное поле, не более {MiniatureType.NameMaxLength} символов.");
    public static readonly LocalizedText NameNotOneVisibleLine = new(
        "Must be one visible line without control, zero-width or text-direction characters.",
        "Должно быть одной видимой строкой без управляющих символов, символов нулевой ширины и направления текста.");
    public static readonly LocalizedText NameRepeated = new("Another type in this document has the same name.", "В документе уже есть тип с таким именем.");
    public static readonly LocalizedText CountsNotAnObject = new("Expected an object of counts by stage.", "Ожидается объект с количествами по этапам.");
    public static readonly LocalizedText CountOutOfRange = new($"Must be between 0 and {Quantities.MaxPerType}.", $"Должно быть от 0 до {Quantities.MaxPerType}.");
    public static readonly LocalizedText TypeTooFull = new($"A type holds at most {Quantities.MaxPerType} miniatures.", $"Тип вмещает не более {Quantities.MaxPerType} миниатюр.");
    public static readonly LocalizedText MergedTypeTooFull = new($"The merged type would hold more than {Quantities.MaxPerType} miniatures.", $"После слияния тип содержал бы больше {Quantities.MaxPerType} миниатюр.");
    public static readonly LocalizedText HistoryNotAnArray = new("Expected an array of history entries.", "Ожидается массив записей истории.");
    public static readonly LocalizedText TooManyHistoryEntries = new($"At most {ImportDocumentReader.MaxHistoryEntries} history entries per document.", $"Не более {ImportDocumentReader.MaxHistoryEntries} записей истории в документе.");
    public static readonly LocalizedText HistoryEntryRequired = new("Required: a history entry.", "Обязательно: запись истории.");
    public static readonly LocalizedText UnknownStage = new("Unknown stage.", "Неизвестный этап.");
    public static readonly LocalizedText NotALaterStage = new("Must be a later stage than fromStage.", "Должен быть более поздним этапом, чем fromStage.");
    public static readonly LocalizedText QtyOutOfRange = new($"Must be between 1 and {Quantities.MaxPerOperation}.", $"Должно быть от 1 до {Quantities.MaxPerOperation}.");
}

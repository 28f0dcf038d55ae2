namespace Tracker.Modules.Projects;

/// <summary>The module's business errors: codes are stable (clients branch on them), texts in English and Russian.</summary>
internal static class ProjectsErrors
{
    public static readonly Error CategoryNotFound = new(
        "ERR_PROJECTS_CATEGORY_NOT_FOUND", ErrorKind.NotFound,
        new("Category not found", "Категория не найдена"),
        new("No category has the id {0}.", "Нет категории с идентификатором {0}."));

    public static readonly Error CategoryNameTaken = new(
        "ERR_PROJECTS_CATEGORY_NAME_TAKEN", ErrorKind.Conflict,
        new("Category name already used", "Имя категории уже занято"),
        new("A category named '{0}' exists already (names ignore case).", "Категория «{0}» уже есть (регистр не учитывается)."));

    public static readonly Error CategoryNotEmpty = new(
        "ERR_PROJECTS_CATEGORY_NOT_EMPTY", ErrorKind.Conflict,
        new("Category still has projects", "В категории есть проекты"),
        new("The category {0} still has projects: move or delete them first.", "В категории {0} есть проекты: сначала перенесите или удалите их."));

    public static readonly Error ManagerNotFound = new(
        "ERR_PROJECTS_MANAGER_NOT_FOUND", ErrorKind.NotFound,
        new("Project manager not found", "Руководитель проекта не найден"),
        new("No project manager has the id {0}.", "Нет руководителя проекта с идентификатором {0}."));

    public static readonly Error ManagerInactive = new(
        "ERR_PROJECTS_MANAGER_INACTIVE", ErrorKind.Conflict,
        new("Project manager is deactivated", "Руководитель проекта деактивирован"),
        new("The project manager {0} is deactivated and takes no new projects.", "Руководитель проекта {0} деактивирован и не получает новых проектов."));

    public static readonly Error ProjectNotFound = new(
        "ERR_PROJECTS_PROJECT_NOT_FOUND", ErrorKind.NotFound,
        new("Project not found", "Проект не найден"),
        new("No project has the id {0}.", "Нет проекта с идентификатором {0}."));

    public static readonly Error ProjectCodeTaken = new(
        "ERR_PROJECTS_CODE_TAKEN", ErrorKind.Conflict,
        new("Project code already used", "Код проекта уже занят"),
        new("A project with the code '{0}' exists already (codes ignore case).", "Проект с кодом «{0}» уже есть (регистр не учитывается)."));

    public static readonly Error StepNotFound = new(
        "ERR_PROJECTS_STEP_NOT_FOUND", ErrorKind.NotFound,
        new("Step not found", "Этап не найден"),
        new("No step has the id {0}.", "Нет этапа с идентификатором {0}."));

    public static readonly Error SubtaskNotFound = new(
        "ERR_PROJECTS_SUBTASK_NOT_FOUND", ErrorKind.NotFound,
        new("Subtask not found", "Подзадача не найдена"),
        new("No subtask has the id {0}.", "Нет подзадачи с идентификатором {0}."));

    public static readonly Error UnknownIds = new(
        "ERR_PROJECTS_UNKNOWN_IDS", ErrorKind.UnprocessableEntity,
        new("Some ids name nothing", "Некоторые идентификаторы ни на что не указывают"),
        new("{0} of the ids name nothing (see unknownIds); nothing was changed.", "{0} идентификаторов ни на что не указывают (см. unknownIds); ничего не изменено."));

    public static readonly Error OrderMismatch = new(
        "ERR_PROJECTS_ORDER_MISMATCH", ErrorKind.Conflict,
        new("The new order does not name exactly the current items", "Новый порядок не совпадает с текущим составом"),
        new("The order must name each of the {0} current items once; read them again and resend.", "Порядок должен назвать каждый из {0} текущих элементов ровно один раз; перечитайте их и отправьте снова."));

    public static readonly Error AttachmentNotFound = new(
        "ERR_PROJECTS_ATTACHMENT_NOT_FOUND", ErrorKind.NotFound,
        new("Attachment not found", "Вложение не найдено"),
        new("No attachment has the id {0}.", "Нет вложения с идентификатором {0}."));

    public static readonly Error AttachmentTooLarge = new(
        "ERR_PROJECTS_ATTACHMENT_TOO_LARGE", ErrorKind.PayloadTooLarge,
        new("File too large", "Файл слишком большой"),
        new("A file may hold at most {0} bytes (the workspace's limit); nothing was stored.", "Файл может занимать не более {0} байт (ограничение рабочего пространства); ничего не сохранено."));

    public static readonly Error ReleaseNotFound = new(
        "ERR_PROJECTS_RELEASE_NOT_FOUND", ErrorKind.NotFound,
        new("Release not found", "Выпуск не найден"),
        new("No release has the version {0}.", "Нет выпуска версии {0}."));

    public static readonly Error NoRelease = new(
        "ERR_PROJECTS_NO_RELEASE", ErrorKind.NotFound,
        new("No release published", "Нет опубликованных выпусков"),
        new("No release has been published yet.", "Ещё не опубликовано ни одного выпуска."));

    public static readonly Error ReleaseVersionTaken = new(
        "ERR_PROJECTS_RELEASE_VERSION_TAKEN", ErrorKind.Conflict,
        new("Version already published", "Версия уже опубликована"),
        new("A release with the version {0} exists already (build metadata does not count).", "Выпуск версии {0} уже есть (метаданные сборки не учитываются)."));

    public static readonly Error CoverNotAnImageOfProject = new(
        "ERR_PROJECTS_COVER_NOT_USABLE", ErrorKind.UnprocessableEntity,
        new("Attachment cannot be the cover", "Вложение не может быть обложкой"),
        new("A cover is one of the project's own files (not a step's) of type PNG, JPEG, GIF or WebP; attachment {0} is not.",
            "Обложка — это файл самого проекта (не его этапа) в формате PNG, JPEG, GIF или WebP; вложение {0} не такое."));

    public static readonly Error ReleaseHashMismatch = new(
        "ERR_PROJECTS_RELEASE_HASH_MISMATCH", ErrorKind.UnprocessableEntity,
        new("Package does not match its SHA-256", "Пакет не совпадает со своей SHA-256"),
        new("The package received has the SHA-256 {0}, not the one sent; nothing was stored.", "Полученный пакет имеет SHA-256 {0}, а не присланную; ничего не сохранено."));

    public static readonly Error ReleaseTooLarge = new(
        "ERR_PROJECTS_RELEASE_TOO_LARGE", ErrorKind.PayloadTooLarge,
        new("Package too large", "Пакет слишком большой"),
        new("A release package may hold at most {0} bytes; nothing was stored.", "Пакет выпуска может занимать не более {0} байт; ничего не сохранено."));

    public static readonly Error CharacteristicsImportInvalid = new(
        "ERR_PROJECTS_CHARACTERISTICS_IMPORT_INVALID", ErrorKind.BadRequest,
        new("Characteristics import rejected", "Импорт характеристик отклонён"),
        new("The import has {0} problem(s); nothing was changed. See errors.", "В импорте проблем: {0}; ничего не изменено. См. errors."));

    public static readonly Error CharacteristicsUnreadable = new(
        "ERR_PROJECTS_CHARACTERISTICS_UNREADABLE", ErrorKind.BadRequest,
        new("Characteristics file unreadable", "Файл характеристик не читается"),
        new("The body cannot be read as {0}; nothing was changed. See errors.", "Тело запроса не читается как {0}; ничего не изменено. См. errors."));
}

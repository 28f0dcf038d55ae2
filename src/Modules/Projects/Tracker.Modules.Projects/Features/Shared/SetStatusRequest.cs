using Tracker.Modules.Projects.Domain;

namespace Tracker.Modules.Projects.Features.Shared;

/// <summary>The body that sets the status of a step or a subtask.</summary>
internal sealed record SetStatusRequest(WorkStatus Status);

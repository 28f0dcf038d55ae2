using System.Text.Json.Serialization;
using Tracker.BuildingBlocks.Json;

namespace Tracker.Modules.Projects.Domain;

// Members are spelled exactly as the status is written outside C# (JSON bodies, query strings), as Role's are:
// query-string binding parses enums by member name, so only this makes "?status=in_progress" bind.

/// <summary>Where a step or a subtask stands.</summary>
[JsonConverter(typeof(StrictEnumConverter))]
internal enum WorkStatus : short
{
    todo = 0,
    in_progress = 1,
    blocked = 2,
    done = 3,
}

/// <summary>Whether a project is worked on or put away.</summary>
[JsonConverter(typeof(StrictEnumConverter))]
internal enum ProjectStatus : short
{
    active = 0,
    archived = 1,
}

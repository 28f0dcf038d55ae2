namespace Tracker.BuildingBlocks.Domain;

/// <summary>
/// Times are kept in UTC to the millisecond, the precision every supported database stores exactly, so data taken
/// from one database (an export, a sync packet) goes into another unchanged.
/// </summary>
public static class Timestamps
{
    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}

using Tracker.Modules.Projects.Domain;

namespace Tracker.UnitTests.Projects;

public sealed class ProgressTests
{
    [Fact]
    public void Done_counts_one_in_progress_the_coefficient_and_the_rest_nothing()
    {
        Assert.Equal(1m, Progress.OfStatus(WorkStatus.done, 0.3m));
        Assert.Equal(0.3m, Progress.OfStatus(WorkStatus.in_progress, 0.3m));
        Assert.Equal(0m, Progress.OfStatus(WorkStatus.todo, 0.3m));
        Assert.Equal(0m, Progress.OfStatus(WorkStatus.blocked, 0.3m));
    }

    [Fact]
    public void The_weighted_mean_of_nothing_is_zero() => Assert.Equal(0m, Progress.WeightedMean([]));

    [Fact]
    public void The_weighted_mean_weighs_and_rounds_to_four_decimals()
    {
        Assert.Equal(0.4m, Progress.WeightedMean([(3m, 1m), (2m, 0.5m), (5m, 0m)]));
        Assert.Equal(0.3333m, Progress.WeightedMean([(1m, 1m), (1m, 0m), (1m, 0m)]));
        Assert.Equal(0.6667m, Progress.WeightedMean([(1m, 1m), (1m, 1m), (1m, 0m)]));
    }
}

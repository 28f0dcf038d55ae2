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

    [Fact]
    public void Kept_sums_give_the_weighted_mean_of_the_steps_exactly()
    {
        var random = new Random(20261205);
        var statuses = Enum.GetValues<WorkStatus>();
        for (var project = 0; project < 500; project++)
        {
            var coefficient = random.Next(0, 10_001) / 10_000m;
            var steps = Enumerable.Range(0, random.Next(0, 40)).Select(_ => new StepInputs(
                    statuses[random.Next(statuses.Length)],
                    random.Next(1, 1_000_000_000) / 10_000m,
                    random.Next(3) == 0 ? SubtaskWeightsOf(random, statuses) : default))
                .ToList();
            var shares = steps.ConvertAll(s => s.ShareAt(coefficient));

            var kept = Progress.OfSums(shares.Sum(s => s.WeightUnits), shares.Sum(s => s.WeightedUnits));

            Assert.Equal(Progress.WeightedMean(steps.Select(s => (s.Weight, Progress.OfStep(s.Status, s.Subtasks, coefficient)))), kept);
        }
    }

    [Fact]
    public void A_step_at_the_largest_weight_adds_whole_units()
    {
        var share = new StepInputs(WorkStatus.in_progress, 1_000_000m, default).ShareAt(0.3333m);

        Assert.Equal(10_000_000_000L, share.WeightUnits);
        Assert.Equal(10_000_000_000L * 3_333, share.WeightedUnits);
    }

    private static SubtaskWeights SubtaskWeightsOf(Random random, WorkStatus[] statuses) =>
        SubtaskWeights.Of(Enumerable.Range(0, random.Next(1, 8)).Select(_ => (random.Next(1, 100_000) / 100m, statuses[random.Next(statuses.Length)])));
}

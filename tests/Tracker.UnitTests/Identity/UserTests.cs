using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Identity.Domain;

namespace Tracker.UnitTests.Identity;

public sealed class UserTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static User NewWorker() => User.Create(" alice ", "  Alice Smith ", Role.worker, Now);

    [Fact]
    public void A_new_user_is_active_with_trimmed_names_and_a_time_ordered_id()
    {
        var user = NewWorker();

        Assert.Equal("alice", user.Username);
        Assert.Equal("Alice Smith", user.DisplayName);
        Assert.True(user.IsActive);
        Assert.Equal(Now, user.CreatedAt);
        Assert.Null(user.LastLoginAt);
        Assert.Equal(7, user.Id.Version);
        Assert.NotEqual(Guid.Empty, user.SecurityStamp);
    }

    [Fact]
    public void Usernames_are_unique_regardless_of_case_and_outer_spaces()
    {
        Assert.Equal("ALICE.SMITH", User.Normalize("  Alice.Smith "));
        Assert.Equal(User.Normalize("alice"), NewWorker().NormalizedUsername);
    }

    [Fact]
    public void Two_new_users_get_different_security_stamps()
    {
        Assert.NotEqual(NewWorker().SecurityStamp, NewWorker().SecurityStamp);
    }

    [Fact]
    public void A_user_cannot_be_created_with_an_unknown_role()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => User.Create("alice", "Alice", (Role)0, Now));
    }

    [Fact]
    public void Changing_the_role_returns_the_previous_one_and_invalidates_older_tokens()
    {
        var user = NewWorker();
        var stamp = user.SecurityStamp;

        var previous = user.ChangeRole(Role.manager);

        Assert.Equal(Role.worker, previous);
        Assert.Equal(Role.manager, user.Role);
        Assert.NotEqual(stamp, user.SecurityStamp);
    }

    [Fact]
    public void Setting_the_same_role_again_keeps_existing_tokens_valid()
    {
        var user = NewWorker();
        var stamp = user.SecurityStamp;

        Assert.Equal(Role.worker, user.ChangeRole(Role.worker));
        Assert.Equal(stamp, user.SecurityStamp);
    }

    [Fact]
    public void An_unknown_role_is_refused_and_leaves_the_user_unchanged()
    {
        var user = NewWorker();
        var stamp = user.SecurityStamp;

        Assert.Throws<ArgumentOutOfRangeException>(() => user.ChangeRole((Role)99));
        Assert.Equal(Role.worker, user.Role);
        Assert.Equal(stamp, user.SecurityStamp);
    }

    [Fact]
    public void Deactivating_invalidates_older_tokens_and_reactivating_does_so_again()
    {
        var user = NewWorker();
        var active = user.SecurityStamp;

        user.SetActive(false);
        var inactive = user.SecurityStamp;
        user.SetActive(true);

        Assert.True(user.IsActive);
        Assert.NotEqual(active, inactive);
        Assert.NotEqual(inactive, user.SecurityStamp);
        Assert.NotEqual(active, user.SecurityStamp);
    }

    [Fact]
    public void Setting_the_same_activity_again_keeps_existing_tokens_valid()
    {
        var user = NewWorker();
        var stamp = user.SecurityStamp;

        user.SetActive(true);

        Assert.Equal(stamp, user.SecurityStamp);
    }

    [Fact]
    public void Signing_in_records_the_time_without_touching_the_security_stamp()
    {
        var user = NewWorker();
        var stamp = user.SecurityStamp;

        user.RecordLogin(Now.AddHours(1));

        Assert.Equal(Now.AddHours(1), user.LastLoginAt);
        Assert.Equal(stamp, user.SecurityStamp);
    }
}

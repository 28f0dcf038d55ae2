using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Identity.Domain;
using Tracker.Modules.Identity.Features.CreateUser;
using Tracker.Modules.Identity.Features.Login;
using Tracker.Modules.Identity.Features.Register;

namespace Tracker.UnitTests.Identity;

public sealed class IdentityValidatorTests
{
    private const string GoodPassword = "correct horse";

    private static readonly CreateUserCommandValidator CreateUser = new();
    private static readonly RegisterCommandValidator Register = new();

    /// <summary>The properties that failed, for both ways of opening an account (they share the rules).</summary>
    private static IEnumerable<string> Failures(string username, string displayName = "Alice", string password = GoodPassword)
    {
        var created = CreateUser.Validate(new CreateUserCommand(username, displayName, password, Role.worker));
        var registered = Register.Validate(new RegisterCommand(username, displayName, password));
        var failed = created.Errors.Select(e => e.PropertyName).Distinct().Order().ToList();
        Assert.Equal(failed, registered.Errors.Select(e => e.PropertyName).Distinct().Order());
        return failed;
    }

    [Theory]
    [InlineData("bob")]
    [InlineData("alice.smith")]
    [InlineData("a_b-c@d")]
    [InlineData("User42")]
    [InlineData("  alice  ")]
    public void Usernames_of_letters_digits_and_a_few_marks_are_valid(string username)
    {
        Assert.Empty(Failures(username));
    }

    [Fact]
    public void A_username_of_64_characters_is_valid_and_of_65_is_not()
    {
        Assert.Equal(64, User.UsernameMaxLength);
        Assert.Empty(Failures(new string('a', 64)));
        Assert.Equal(["Username"], Failures(new string('a', 65)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("a b")]
    [InlineData("alice smith")]
    [InlineData("алиса")]
    [InlineData("bob!")]
    [InlineData("bob/../x")]
    public void Short_or_oddly_spelled_usernames_are_invalid(string username)
    {
        Assert.Equal(["Username"], Failures(username));
    }

    [Fact]
    public void A_password_of_8_characters_is_valid_and_of_7_is_not()
    {
        Assert.Empty(Failures("alice", password: "12345678"));
        Assert.Equal(["Password"], Failures("alice", password: "1234567"));
    }

    [Fact]
    public void A_password_of_128_characters_is_valid_and_of_129_is_not()
    {
        Assert.Empty(Failures("alice", password: new string('p', 128)));
        Assert.Equal(["Password"], Failures("alice", password: new string('p', 129)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_display_name_must_not_be_blank(string displayName)
    {
        Assert.Equal(["DisplayName"], Failures("alice", displayName: displayName));
    }

    [Fact]
    public void A_display_name_of_128_characters_is_valid_and_of_129_is_not()
    {
        Assert.Empty(Failures("alice", displayName: new string('n', User.DisplayNameMaxLength)));
        Assert.Equal(["DisplayName"], Failures("alice", displayName: new string('n', User.DisplayNameMaxLength + 1)));
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        Assert.Equal(["DisplayName", "Password", "Username"], Failures("x", displayName: "", password: "short"));
    }

    // Unknown names never get this far (the JSON converter refuses them); a role that was not sent arrives as 0.
    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    public void An_admin_cannot_create_a_user_without_a_known_role(int role)
    {
        var result = CreateUser.Validate(new CreateUserCommand("alice", "Alice", GoodPassword, (Role)role));

        Assert.Equal("Role", Assert.Single(result.Errors).PropertyName);
    }

    [Fact]
    public void Signing_in_does_not_apply_the_new_account_password_rules()
    {
        // Accounts made before a rule tightened must still be able to sign in (and get the usual wrong-password answer).
        var validator = new LoginCommandValidator();

        Assert.True(validator.Validate(new LoginCommand("al", "short", "127.0.0.1")).IsValid);
        Assert.False(validator.Validate(new LoginCommand("alice", new string('p', 129), "127.0.0.1")).IsValid);
        Assert.False(validator.Validate(new LoginCommand("", GoodPassword, "127.0.0.1")).IsValid);
    }
}

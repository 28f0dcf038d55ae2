using FluentValidation.Results;
using Tracker.Modules.Miniatures.Domain;
using Tracker.Modules.Miniatures.Features.CreateType;
using Tracker.Modules.Miniatures.Features.ListTypes;
using Tracker.Modules.Miniatures.Features.RenameType;

namespace Tracker.UnitTests.Miniatures;

public sealed class MiniaturesValidatorTests
{
    private static readonly CreateTypeCommandValidator Create = new();
    private static readonly RenameTypeCommandValidator Rename = new();

    [Theory]
    [InlineData("Goblins")]
    [InlineData("G")]
    [InlineData("Орки")]
    [InlineData("  Goblins  ")]
    public void A_type_name_with_visible_characters_is_valid(string name)
    {
        Assert.True(Create.Validate(new CreateTypeCommand(name, 0)).IsValid);
        Assert.True(Rename.Validate(new RenameTypeCommand(Guid.NewGuid(), name)).IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\n ")]
    [InlineData(null)]
    public void An_empty_or_blank_type_name_is_invalid_on_the_name_field(string? name)
    {
        AssertOnlyNameFails(Create.Validate(new CreateTypeCommand(name!, 0)));
        AssertOnlyNameFails(Rename.Validate(new RenameTypeCommand(Guid.NewGuid(), name!)));
    }

    [Fact]
    public void A_type_name_of_exactly_the_maximum_length_is_valid()
    {
        var name = new string('x', MiniatureType.NameMaxLength);

        Assert.Equal(100, name.Length);
        Assert.True(Create.Validate(new CreateTypeCommand(name, 0)).IsValid);
    }

    [Fact]
    public void A_type_name_one_over_the_maximum_length_is_invalid()
    {
        var name = new string('x', MiniatureType.NameMaxLength + 1);

        AssertOnlyNameFails(Create.Validate(new CreateTypeCommand(name, 0)));
        AssertOnlyNameFails(Rename.Validate(new RenameTypeCommand(Guid.NewGuid(), name)));
    }

    [Fact]
    public void The_length_limit_applies_to_the_trimmed_name()
    {
        var name = "   " + new string('x', MiniatureType.NameMaxLength) + "   ";

        Assert.True(Create.Validate(new CreateTypeCommand(name, 0)).IsValid);
    }

    [Fact]
    public void The_type_search_is_limited_to_the_longest_possible_name()
    {
        var validator = new ListTypesQueryValidator();

        Assert.True(validator.Validate(new ListTypesQuery()).IsValid);
        Assert.True(validator.Validate(new ListTypesQuery { Search = new string('x', MiniatureType.NameMaxLength) }).IsValid);
        Assert.False(validator.Validate(new ListTypesQuery { Search = new string('x', MiniatureType.NameMaxLength + 1) }).IsValid);
    }

    private static void AssertOnlyNameFails(ValidationResult result)
    {
        Assert.False(result.IsValid);
        Assert.All(result.Errors, e => Assert.Equal("Name", e.PropertyName));
    }
}

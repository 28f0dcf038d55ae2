using System.Globalization;
using FluentValidation;
using Tracker.BuildingBlocks.Validation;

namespace Tracker.UnitTests.BuildingBlocks;

public sealed class TextRulesTests
{
    private sealed record Sample(string Name, string? Note, string Secret, string? Line);

    private sealed class SampleValidator : AbstractValidator<Sample>
    {
        public SampleValidator()
        {
            RuleFor(s => s.Name).SafeName(10);
            RuleFor(s => s.Note).StorableText();
            RuleFor(s => s.Secret).VisibleSecret();
            RuleFor(s => s.Line).SafeText();
        }
    }

    private static readonly SampleValidator Validator = new();

    private static IEnumerable<string> Failures(string name = "Ok", string? note = null, string secret = "hunter2", string? line = null) =>
        Validator.Validate(new Sample(name, note, secret, line)).Errors.Select(e => e.PropertyName).Distinct().Order();

    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u0001")]
    [InlineData("\u0007")]
    [InlineData("\u001B")]
    [InlineData("\u007F")]
    [InlineData("\u0085")]
    [InlineData("\u009F")]
    public void Control_characters_are_never_storable(string bad)
    {
        Assert.False(UnicodeText.IsStorable($"a{bad}b"));
        Assert.Equal(1, UnicodeText.FindForbidden($"a{bad}b"));
        Assert.Equal(["Line", "Name", "Note", "Secret"], Failures(name: $"a{bad}", note: $"a{bad}", secret: $"secret{bad}", line: $"a{bad}"));
    }

    [Fact]
    public void Half_a_surrogate_pair_is_never_storable_and_a_whole_one_is()
    {
        // Not InlineData: the test runner cannot carry broken UTF-16 in a test case's name.
        foreach (var bad in new[] { "a\uD800b", "a\uDC00b", "ab\uD83D", "a\uDE00\uD83Db" })
        {
            Assert.False(UnicodeText.IsStorable(bad));
            Assert.Equal(["Line", "Name", "Note", "Secret"], Failures(name: bad, note: bad, secret: bad + "xxxx", line: bad));
        }

        Assert.True(UnicodeText.IsName("a\uD83D\uDE00b"));
    }

    [Theory]
    [InlineData("tab\there")]
    [InlineData("two\nlines")]
    [InlineData("windows\r\nlines")]
    public void Tabs_and_line_breaks_belong_in_multi_line_text_only(string text)
    {
        Assert.True(UnicodeText.IsStorable(text));
        Assert.False(UnicodeText.IsSingleLine(text));
        Assert.Empty(Failures(note: text));
        Assert.Equal(["Line"], Failures(line: text));
        Assert.Equal(["Name"], Failures(name: text[..Math.Min(text.Length, 8)]));
    }

    [Theory]
    [InlineData("Zero\u200Bwidth")]
    [InlineData("Join\u200Der")]
    [InlineData("Non\u200Cjoin")]
    [InlineData("Word\u2060join")]
    [InlineData("\uFEFFBom")]
    [InlineData("Soft\u00ADhy")]
    [InlineData("L\u200Emark")]
    [InlineData("R\u200Fmark")]
    [InlineData("\u202Eevil")]
    [InlineData("\u202Aembed")]
    [InlineData("\u2066iso\u2069")]
    [InlineData("arab\u061C")]
    [InlineData("para\u2029")]
    public void Names_refuse_zero_width_and_direction_characters(string name)
    {
        Assert.False(UnicodeText.IsName(name));
        Assert.Equal(["Name"], Failures(name: name));
    }

    [Theory]
    [InlineData("Ork Boy")]
    [InlineData("Космос")]
    [InlineData("Café")]
    [InlineData("東京")]
    [InlineData("Emoji 🐉")]
    public void Ordinary_names_in_any_script_are_fine(string name)
    {
        Assert.True(UnicodeText.IsName(name));
        Assert.Empty(Failures(name: name));
    }

    [Fact]
    public void A_name_is_measured_once_composed_and_trimmed()
    {
        var decomposed = "  Cafe\u0301 Cafe\u0301  "; // 15 UTF-16 units with accents apart, 9 composed

        Assert.Empty(Failures(name: decomposed));
        Assert.Equal(["Name"], Failures(name: "Elevenchars"));
        Assert.Equal(["Name"], Failures(name: "   "));
    }

    [Fact]
    public void Names_are_stored_composed_and_compared_folded()
    {
        Assert.Equal("Caf\u00E9", UnicodeText.CleanName("  Cafe\u0301 "));
        Assert.Equal(UnicodeText.FoldName("CAF\u00C9"), UnicodeText.FoldName("cafe\u0301"));
        Assert.NotEqual(UnicodeText.FoldName("Cafe"), UnicodeText.FoldName("Caf\u00E9"));
    }

    [Theory]
    [InlineData("        ")]
    [InlineData("\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B")]
    [InlineData("\u00A0\u2003\u3000\u2007\u202F\u205F\u00A0\u00A0")]
    [InlineData("\u3164\u3164\u3164\u3164\u115F\u1160\uFFA0\u2800")]
    [InlineData("\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301")]
    [InlineData("\t\t\n\n\r\r  ")]
    public void A_secret_of_only_invisible_characters_is_refused(string secret)
    {
        Assert.False(UnicodeText.HasVisibleCharacter(secret));
        Assert.Equal(["Secret"], Failures(secret: secret));
    }

    [Theory]
    [InlineData("correct horse")]
    [InlineData("\u200B\u200B\u200B\u200Bx")]
    [InlineData("пароль!")]
    public void A_secret_with_something_visible_is_fine(string secret)
    {
        Assert.True(UnicodeText.HasVisibleCharacter(secret));
        Assert.Empty(Failures(secret: secret));
    }

    [Fact]
    public void Messages_follow_the_request_language()
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ru");
            var russian = Validator.Validate(new Sample("Zero\u200Bwidth", null, "hunter2", null)).Errors.Single().ErrorMessage;
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            var english = Validator.Validate(new Sample("Zero\u200Bwidth", null, "hunter2", null)).Errors.Single().ErrorMessage;

            Assert.Equal(FieldMessages.NameCharacters.Russian, russian);
            Assert.Equal(FieldMessages.NameCharacters.English, english);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

using Tracker.BuildingBlocks.Http.Paging;

namespace Tracker.IntegrationTests.Platform;

public sealed class PageCursorTests
{
    [Fact]
    public void A_cursor_round_trips_its_position()
    {
        var position = new NamePosition("ALICE", Guid.CreateVersion7());

        Assert.Equal(position, PageCursor.TryDecode<NamePosition>(PageCursor.Encode(position)));
    }

    [Fact]
    public void Every_single_character_edit_before_the_last_is_refused()
    {
        var cursor = PageCursor.Encode(new NamePosition("ALICE", Guid.Empty));
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

        // The last character may hold padding bits that decoding ignores, so it is left alone.
        for (var i = 0; i < cursor.Length - 1; i++)
        {
            var other = Alphabet[(Alphabet.IndexOf(cursor[i], StringComparison.Ordinal) + 1) % Alphabet.Length];
            var edited = string.Concat(cursor.AsSpan(0, i), other.ToString(), cursor.AsSpan(i + 1));
            Assert.Null(PageCursor.TryDecode<NamePosition>(edited));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64url!")]
    [InlineData("eyJhIjoxfQ")] // {"a":1} without a checksum
    public void Garbage_is_refused(string cursor) => Assert.Null(PageCursor.TryDecode<NamePosition>(cursor));

    [Fact]
    public void A_cursor_of_another_list_is_refused()
    {
        var cursor = PageCursor.Encode(new NamePosition("ALICE", Guid.Empty));

        Assert.Null(PageCursor.TryDecode<OtherPosition>(cursor));
    }

    private sealed record NamePosition(string Name, Guid Id);

    private sealed record OtherPosition(string Name, Guid Id);
}

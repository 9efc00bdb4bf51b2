using System.Text;
using Bijie.Actors.Web.Live;

namespace Bijie.Actors.UnitTests;

public sealed class BoardCacheTests
{
    [Fact]
    public async Task A_served_board_is_served_again_until_its_scope_changes_and_changes_of_scopes_never_served_leave_no_trace()
    {
        var cache = new BoardCache(TimeProvider.System);
        var builds = 0;
        Task<byte[]> Build() => Task.FromResult(Encoding.UTF8.GetBytes($"board {Interlocked.Increment(ref builds)}"));

        // Hundreds of thousands of scopes change at national scale that no screen shows: nothing is kept of them.
        for (var i = 0; i < 1_000; i++)
        {
            cache.Invalidate($"L:village-{i}");
        }

        Assert.Equal(0, cache.ScopesFollowed);

        var first = await cache.GetOrAddAsync("L:5205", 2023, Build);
        Assert.Same(first, await cache.GetOrAddAsync("L:5205", 2023, Build));
        Assert.Equal(1, cache.ScopesFollowed);

        cache.Invalidate("L:5205");
        var second = await cache.GetOrAddAsync("L:5205", 2023, Build);
        Assert.Equal("board 2", Encoding.UTF8.GetString(second));
        Assert.Equal(2, builds);
    }
}

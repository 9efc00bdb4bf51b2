using System.Collections.Concurrent;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.UnitTests;

[Collection(ClusterCollection.Name)]
public sealed class BoardPusherTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_board_push_that_failed_is_tried_again_so_the_watching_screens_get_the_change()
    {
        var hub = new FlakyHub(failures: 2);
        var pusher = NewPusher(hub);
        pusher.Watch("5205", 2023);

        pusher.OnChanged(new ScopeChange(Scopes.Locality("5205"), 2023, 2023));

        await TestData.EventuallyAsync(() => Task.FromResult(pusher.Pushes == 1), "the board pushed after two failed sends");
        Assert.Equal(3, hub.Attempts);
        Assert.Equal(BoardPusher.Group("5205", 2023), Assert.Single(hub.Delivered).Group);
    }

    [Fact]
    public async Task A_board_that_cannot_be_pushed_is_tried_a_bounded_number_of_times_and_pushed_at_its_next_change()
    {
        var hub = new FlakyHub(failures: BoardPusher.PushAttempts);
        var pusher = NewPusher(hub);
        pusher.Watch("5205", 2024);

        pusher.OnChanged(new ScopeChange(Scopes.Locality("5205"), 2024, 2024));
        await TestData.EventuallyAsync(() => Task.FromResult(hub.Attempts == BoardPusher.PushAttempts), "every attempt made");

        // The slot gave up (it would otherwise have pushed on the next attempt, which now succeeds); the next change pushes.
        pusher.OnChanged(new ScopeChange(Scopes.Locality("5205"), 2024, 2024));
        await TestData.EventuallyAsync(() => Task.FromResult(pusher.Pushes == 1), "the board pushed at its next change");
        Assert.Equal(BoardPusher.PushAttempts + 1, hub.Attempts);
    }

    private BoardPusher NewPusher(FlakyHub hub) => new(
        fixture.Grains, new Grains.Boards.BoardReader(fixture.Grains, TimeProvider.System, new Grains.Boards.RankingCache(TimeProvider.System),
            new Grains.Reports.ReportReader(new Grains.Names.DisplayNames(fixture.Grains, TimeProvider.System, NullLogger<Grains.Names.DisplayNames>.Instance), new Ledger.InMemoryLedger(fixture.Store), NullLogger<Grains.Reports.ReportReader>.Instance),
            new Ledger.InMemoryLedger(fixture.Store)), hub,
        new BoardCache(TimeProvider.System), TimeProvider.System,
        Options.Create(new Microsoft.AspNetCore.Http.Json.JsonOptions()),
        Options.Create(new Abstractions.Configuration.LiveOptions { PushSpacing = TimeSpan.FromMilliseconds(10) }),
        NullLogger<BoardPusher>.Instance);

    /// <summary>A hub whose group sends fail the first few times (a web host's connection dropped mid-send), then go through.</summary>
    private sealed class FlakyHub(int failures) : IHubContext<BoardHub>, IGroupManager
    {
        private readonly int failing = failures;
        private int attempts;

        public int Attempts => Volatile.Read(ref attempts);

        public ConcurrentQueue<(string Group, string Method)> Delivered { get; } = new();

        public IHubClients Clients => new GroupsOnly(this);

        public IGroupManager Groups => this;

        public Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) => Task.CompletedTask;

        private sealed class GroupsOnly(FlakyHub hub) : IHubClients
        {
            public IClientProxy Group(string groupName) => new Proxy(hub, groupName);

            public IClientProxy All => throw new NotSupportedException();

            public IClientProxy AllExcept(IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

            public IClientProxy Client(string connectionId) => throw new NotSupportedException();

            public IClientProxy Clients(IReadOnlyList<string> connectionIds) => throw new NotSupportedException();

            public IClientProxy GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

            public IClientProxy Groups(IReadOnlyList<string> groupNames) => throw new NotSupportedException();

            public IClientProxy User(string userId) => throw new NotSupportedException();

            public IClientProxy Users(IReadOnlyList<string> userIds) => throw new NotSupportedException();
        }

        private sealed class Proxy(FlakyHub hub, string group) : IClientProxy
        {
            public Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default)
            {
                if (Interlocked.Increment(ref hub.attempts) <= hub.failing)
                {
                    throw new IOException("the connection was reset");
                }

                hub.Delivered.Enqueue((group, method));
                return Task.CompletedTask;
            }
        }
    }
}

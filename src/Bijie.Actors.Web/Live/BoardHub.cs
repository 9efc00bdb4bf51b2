using Bijie.Actors.Abstractions.Configuration;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Web.Live;

/// <summary>
/// The boards' live channel (/hubs/boards). A board joins the groups of the roll-up scopes it shows (the
/// <c>scope</c> of each board it loaded); it then hears <c>changed</c> (a scope's figures changed for some years:
/// re-read that board) and <c>reported</c> (a report committed in a locality it watches: a ticker line). A screen
/// that shows a locality's board for a year may instead have it pushed (<see cref="WatchBoard"/>): it then hears
/// <c>board</c> with the board itself after each change, as <c>GET /api/v1/boards/{code}?year=</c> answers it.
/// One connection watches at most <see cref="LiveOptions.MaxGroupsPerConnection"/> groups in all, whatever it
/// asks per call; its calls per second and each address's open connections are bounded too
/// (<see cref="BoardHubCallLimit"/>, <see cref="Security.RateLimits.HubConnections"/>).
/// </summary>
public sealed class BoardHub(BoardPusher pusher, IOptions<LiveOptions> options) : Hub
{
    private const string WatchesItem = "watches";

    private int MaxGroups => Math.Max(1, options.Value.MaxGroupsPerConnection);

    public async Task Watch(string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        if (scopes.Length > MaxGroups || scopes.Any(s => !IsScope(s)))
        {
            throw new HubException($"Watch up to {MaxGroups} scopes, each as a board names it (L:5205, T:health, H:…, E:…, S:…).");
        }

        var watches = Watches();
        List<string> added;
        lock (watches)
        {
            added = scopes.Distinct(StringComparer.Ordinal).Where(s => !watches.Scopes.Contains(s)).ToList();
            if (watches.Count + added.Count > MaxGroups)
            {
                throw new HubException($"This connection may watch up to {MaxGroups} scopes and boards in all; unwatch some first.");
            }

            watches.Scopes.UnionWith(added);
        }

        foreach (var scope in added)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, scope);
        }
    }

    public async Task Unwatch(string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var watches = Watches();
        List<string> removed;
        lock (watches)
        {
            removed = scopes.Where(IsScope).Distinct(StringComparer.Ordinal).Where(watches.Scopes.Remove).ToList();
        }

        foreach (var scope in removed)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, scope);
        }
    }

    /// <summary>Has the locality's board for the year pushed to this connection after each change (the message <c>board</c>).</summary>
    public async Task WatchBoard(string code, int year)
    {
        if (LocalityCodes.LevelOf(code) is null || year is < 1988 or > 2200)
        {
            throw new HubException("Watch a board by a locality's division code (4, 6, 9 or 12 digits) and a year from 1988.");
        }

        var watches = Watches();
        lock (watches)
        {
            if (watches.Boards.Contains((code, year)))
            {
                return;
            }

            if (watches.Count + 1 > MaxGroups)
            {
                throw new HubException($"This connection may watch up to {MaxGroups} scopes and boards in all; unwatch some first.");
            }

            watches.Boards.Add((code, year));
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, BoardPusher.Group(code, year));
        pusher.Watch(code, year);
    }

    public async Task UnwatchBoard(string code, int year)
    {
        var watches = Watches();
        bool removed;
        lock (watches)
        {
            removed = watches.Boards.Remove((code, year));
        }

        if (removed)
        {
            pusher.Unwatch(code, year);
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, BoardPusher.Group(code, year));
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        var watches = Watches();
        lock (watches)
        {
            foreach (var (code, year) in watches.Boards)
            {
                pusher.Unwatch(code, year);
            }

            watches.Boards.Clear();
            watches.Scopes.Clear();
        }

        return base.OnDisconnectedAsync(exception);
    }

    private ConnectionWatches Watches()
    {
        lock (Context.Items)
        {
            if (Context.Items.TryGetValue(WatchesItem, out var found) && found is ConnectionWatches watches)
            {
                return watches;
            }

            var created = new ConnectionWatches();
            Context.Items[WatchesItem] = created;
            return created;
        }
    }

    /// <summary>Which host process serves this connection (for operators, and for tests that stop it).</summary>
    public int Server() => Environment.ProcessId;

    private static bool IsScope(string? s) =>
        s is { Length: > 2 and <= 80 } && s[1] == ':' && "LTHES".Contains(s[0], StringComparison.Ordinal);
}

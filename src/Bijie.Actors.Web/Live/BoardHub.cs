using Microsoft.AspNetCore.SignalR;

namespace Bijie.Actors.Web.Live;

/// <summary>
/// The boards' live channel (/hubs/boards). A board joins the groups of the roll-up scopes it shows (the
/// <c>scope</c> of each board it loaded); it then hears <c>changed</c> (a scope's figures changed for some years:
/// re-read that board) and <c>reported</c> (a report committed in a locality it watches: a ticker line). A screen
/// that shows a locality's board for a year may instead have it pushed (<see cref="WatchBoard"/>): it then hears
/// <c>board</c> with the board itself after each change, as <c>GET /api/v1/boards/{code}?year=</c> answers it.
/// </summary>
public sealed class BoardHub(BoardPusher pusher) : Hub
{
    private const string WatchedBoards = "boards";

    /// <summary>The most groups one connection may watch (a city board watches about twenty).</summary>
    public const int MaxScopes = 200;

    public async Task Watch(string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        if (scopes.Length > MaxScopes || scopes.Any(s => !IsScope(s)))
        {
            throw new HubException($"Watch up to {MaxScopes} scopes, each as a board names it (L:5205, T:health, H:…, E:…, S:…).");
        }

        foreach (var scope in scopes.Distinct(StringComparer.Ordinal))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, scope);
        }
    }

    public async Task Unwatch(string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        foreach (var scope in scopes.Where(IsScope).Distinct(StringComparer.Ordinal))
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

        var watched = Watched();
        lock (watched)
        {
            if (!watched.Add((code, year)))
            {
                return;
            }

            if (watched.Count > MaxScopes)
            {
                watched.Remove((code, year));
                throw new HubException($"Watch up to {MaxScopes} boards.");
            }
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, BoardPusher.Group(code, year));
        pusher.Watch(code, year);
    }

    public async Task UnwatchBoard(string code, int year)
    {
        var watched = Watched();
        bool removed;
        lock (watched)
        {
            removed = watched.Remove((code, year));
        }

        if (removed)
        {
            pusher.Unwatch(code, year);
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, BoardPusher.Group(code, year));
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        var watched = Watched();
        lock (watched)
        {
            foreach (var (code, year) in watched)
            {
                pusher.Unwatch(code, year);
            }

            watched.Clear();
        }

        return base.OnDisconnectedAsync(exception);
    }

    private HashSet<(string Code, int Year)> Watched()
    {
        lock (Context.Items)
        {
            if (Context.Items.TryGetValue(WatchedBoards, out var found) && found is HashSet<(string, int)> set)
            {
                return set;
            }

            var created = new HashSet<(string, int)>();
            Context.Items[WatchedBoards] = created;
            return created;
        }
    }

    /// <summary>Which host process serves this connection (for operators, and for tests that stop it).</summary>
    public int Server() => Environment.ProcessId;

    private static bool IsScope(string? s) =>
        s is { Length: > 2 and <= 80 } && s[1] == ':' && "LTHES".Contains(s[0], StringComparison.Ordinal);
}

using Microsoft.AspNetCore.SignalR;

namespace Bijie.Actors.Web.Live;

/// <summary>
/// The boards' live channel (/hubs/boards). A board joins the groups of the roll-up scopes it shows (the
/// <c>scope</c> of each board it loaded); it then hears <c>changed</c> (a scope's figures changed for some years:
/// re-read that board) and <c>reported</c> (a report committed in a locality it watches: a ticker line).
/// </summary>
public sealed class BoardHub : Hub
{
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

    /// <summary>Which host process serves this connection (for operators, and for tests that stop it).</summary>
    public int Server() => Environment.ProcessId;

    private static bool IsScope(string? s) =>
        s is { Length: > 2 and <= 80 } && s[1] == ':' && "LTHES".Contains(s[0], StringComparison.Ordinal);
}

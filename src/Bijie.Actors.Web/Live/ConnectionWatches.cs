namespace Bijie.Actors.Web.Live;

/// <summary>What one connection watches: the scopes' groups and the boards pushed to it (lock it to use).</summary>
internal sealed class ConnectionWatches
{
    public HashSet<string> Scopes { get; } = new(StringComparer.Ordinal);

    public HashSet<(string Code, int Year)> Boards { get; } = [];

    public int Count => Scopes.Count + Boards.Count;
}

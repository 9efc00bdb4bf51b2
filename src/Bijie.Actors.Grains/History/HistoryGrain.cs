using System.Globalization;
using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.History;

/// <summary>The programme's dated history since 1988: a handful of published totals.</summary>
public sealed class HistoryGrain(
    [PersistentState("history", StorageNames.Default)] IPersistentState<List<HistoryTotal>> history) : Grain, IHistoryGrain
{
    public async Task ImportAsync(IReadOnlyList<HistoryTotal> totals, ActorRef actor)
    {
        if (!actor.ManagesEverything)
        {
            throw DomainException.Forbidden("history.import", "The programme office imports the history.");
        }

        foreach (var t in totals)
        {
            if (t is null || string.IsNullOrWhiteSpace(t.Code) || t.Code.Length > 64 || t.Value < 0 || t.ThroughYear is < 1988 or > 2100 || string.IsNullOrWhiteSpace(t.NameZh))
            {
                throw DomainException.Invalid("history.total", $"'{t?.Code}': a total has a code, a Chinese name, a value of at least 0 and a year from 1988.", "totals");
            }
        }

        var codes = totals.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
        history.State = [.. history.State.Where(t => !codes.Contains(t.Code)), .. totals];
        await history.WriteStateAsync();
    }

    public Task<IReadOnlyList<HistoryTotal>> ListAsync() => Task.FromResult<IReadOnlyList<HistoryTotal>>(history.State.ToArray());

    /// <summary>The published totals shipped with the product (Data/history-since-1988.csv, source in Data/NOTICE.md).</summary>
    public static IReadOnlyList<HistoryTotal> Published()
    {
        using var stream = typeof(HistoryGrain).Assembly.GetManifestResourceStream("Bijie.Actors.Grains.Data.history-since-1988.csv")
            ?? throw new InvalidOperationException("The embedded history is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1)
            .Select(line => line.Split(','))
            .Select(f => new HistoryTotal(f[0], f[1], f[2], f[3], decimal.Parse(f[4], CultureInfo.InvariantCulture), int.Parse(f[5], CultureInfo.InvariantCulture)))
            .ToArray();
    }
}

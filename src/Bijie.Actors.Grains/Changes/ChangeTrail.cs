using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Grains.Changes;

/// <summary>A grain state whose changes are recorded: the version of the last recorded change it holds.</summary>
public interface IChangeVersioned
{
    int ChangeVersion { get; set; }
}

/// <summary>
/// Every change of a resource kept in grain state goes through here: its record first (who, when, what kind, the
/// recorded fields after it), then the state at the next version; so no stored version lacks its record, and a record
/// whose state was never stored is replaced by the next change from the same version. The changes are read back no
/// further than the version the state holds, each with the fields it changed, before and after.
/// </summary>
public static class ChangeTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Records the change (<paramref name="fields"/>: the resource's recorded fields after it, no secrets), then writes the state.</summary>
    public static async Task WriteAsync<TState>(
        IPersistentState<TState> state, ILedger ledger, TimeProvider time, string resource, string id, string actor, string action, object fields)
        where TState : IChangeVersioned
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(ledger);
        var version = state.State.ChangeVersion + 1;
        await ledger.RecordChangeAsync(new ChangeRecord(resource, id, version, time.GetUtcNow(), actor, action, JsonSerializer.Serialize(fields, Json)));
        state.State.ChangeVersion = version;
        await state.WriteStateAsync();
    }

    /// <summary>The resource's changes through <paramref name="version"/>, newest first, each with the fields it changed.</summary>
    public static async Task<IReadOnlyList<ChangeView>> ReadAsync(ILedger ledger, string resource, string id, int version)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        if (version == 0)
        {
            return [];
        }

        var records = await ledger.ReadChangesAsync(resource, id, version);
        return Diff(records.Select(r => (r.Version, r.At, r.Actor, r.Action, r.Fields)));
    }

    /// <summary>Consecutive versions compared field by field; the first has every field as new. Newest first.</summary>
    public static IReadOnlyList<ChangeView> Diff(IEnumerable<(int Version, DateTimeOffset At, string Actor, string Action, string Fields)> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var views = new List<ChangeView>();
        JsonObject? before = null;
        foreach (var v in versions.OrderBy(v => v.Version))
        {
            var after = Flatten(JsonNode.Parse(v.Fields) as JsonObject ?? []);
            // A snapshot's own version and time of change would show as changed by every change: the change says them.
            after.Remove("version");
            after.Remove("changedAt");
            after.Remove("id"); // the resource whose history this is
            var names = (before?.Select(p => p.Key) ?? []).Union(after.Select(p => p.Key), StringComparer.Ordinal);
            var fields = names
                .Select(name => new FieldChange(name, Text(before?[name]), Text(after[name])))
                .Where(f => f.Before != f.After)
                .ToArray();
            views.Add(new ChangeView(v.Version, v.At, v.Actor, ChangeView.ViaOf(v.Actor), v.Action, fields));
            before = after;
        }

        views.Reverse();
        return views;
    }

    /// <summary>Nested objects as fields of their own ("money.signedYuan"): a change shows the one amount that changed.</summary>
    private static JsonObject Flatten(JsonObject fields)
    {
        var flat = new JsonObject();
        void Add(string prefix, JsonObject node)
        {
            foreach (var (name, value) in node)
            {
                // Entries of a map keyed by what they concern ("exception:P-…", "rule:…") stay whole: each is one thing.
                if (value is JsonObject inner && inner.Count > 0 && !name.Contains(':', StringComparison.Ordinal))
                {
                    Add($"{prefix}{name}.", inner);
                }
                else
                {
                    flat[$"{prefix}{name}"] = value?.DeepClone();
                }
            }
        }

        Add("", fields);
        return flat;
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(Json),
    };
}

using Bijie.Actors.Abstractions;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Grains.Validation;

/// <summary>
/// The office's validation rules as this silo last read them, for the intake: every report is checked against them,
/// and asking the one rules grain of the cluster on every report was a grain call per report (issue 17). A copy is
/// kept for <see cref="ValidationOptions.RulesHeldFor"/>; a change saved through this silo's rules grain replaces it at
/// once, and another silo reads the change within that time.
/// </summary>
public sealed class ValidationRulesCache(IGrainFactory grains, TimeProvider time, IOptions<ValidationOptions> options)
{
    private readonly Lock gate = new();
    private volatile Copy? copy;
    private long generation;

    public ValueTask<IReadOnlyList<ValidationRule>> GetAsync()
    {
        var held = options.Value.RulesHeldFor;
        if (held > TimeSpan.Zero && copy is { } current && time.GetUtcNow() - current.At < held)
        {
            return ValueTask.FromResult(current.Rules);
        }

        return new ValueTask<IReadOnlyList<ValidationRule>>(ReadAsync());
    }

    private async Task<IReadOnlyList<ValidationRule>> ReadAsync()
    {
        long started;
        lock (gate)
        {
            started = generation;
        }

        var at = time.GetUtcNow();
        var rules = await grains.GetGrain<IValidationRulesGrain>(0).ListAsync();
        lock (gate)
        {
            // A copy set while this read was under way is newer than what the read brought.
            if (generation == started)
            {
                copy = new Copy(rules, at);
            }
        }

        return rules;
    }

    /// <summary>The rules as the rules grain on this silo just saved them.</summary>
    public void Saved(IReadOnlyList<ValidationRule> rules)
    {
        lock (gate)
        {
            generation++;
            copy = new Copy(rules, time.GetUtcNow());
        }
    }

    private sealed record Copy(IReadOnlyList<ValidationRule> Rules, DateTimeOffset At);
}

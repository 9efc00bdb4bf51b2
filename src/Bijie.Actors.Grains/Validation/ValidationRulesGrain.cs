using Bijie.Actors.Abstractions;
using Bijie.Actors.Grains.Changes;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Grains.Validation;

/// <summary>The validation rules the office edits; a programme that never edited them has the defaults.</summary>
public sealed class ValidationRulesGrain(
    [PersistentState("validation-rules", StorageNames.Default)] IPersistentState<ValidationRulesState> state,
    ILedger ledger,
    TimeProvider time,
    ValidationRulesCache cache) : Grain, IValidationRulesGrain
{
    public Task<IReadOnlyList<ValidationRule>> ListAsync() =>
        Task.FromResult(state.State.Edited ? state.State.Rules : ValidationRules.Defaults);

    public async Task<IReadOnlyList<ValidationRule>> ReplaceAsync(IReadOnlyList<ValidationRule> rules, ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.ManagesEverything)
        {
            throw DomainException.Forbidden("rules.edit", "The programme office edits the validation rules.");
        }

        ValidationRules.Validate(rules);
        state.State.Edited = true;
        state.State.Rules = [.. rules];
        // Each rule by its id: a change shows the rules added, removed or edited, side by side.
        await ChangeTrail.WriteAsync(state, ledger, time, ChangeResources.ValidationRules, "0", actor.Id, "replace", rules.ToDictionary(r => $"rule:{r.Id}", r => (object)r));
        cache.Saved(state.State.Rules.ToArray());
        return state.State.Rules;
    }

    public Task<IReadOnlyList<ChangeView>> GetChangesAsync() =>
        ChangeTrail.ReadAsync(ledger, ChangeResources.ValidationRules, "0", state.State.ChangeVersion);
}

[GenerateSerializer, Alias("Bijie.Actors.ValidationRulesState")]
public sealed class ValidationRulesState : IChangeVersioned
{
    /// <summary>False until the office first saves a catalogue: until then the defaults apply.</summary>
    [Id(0)] public bool Edited { get; set; }

    [Id(1)] public List<ValidationRule> Rules { get; set; } = [];

    /// <summary>The version of the last change recorded for the catalogue (<see cref="ChangeTrail"/>).</summary>
    [Id(2)] public int ChangeVersion { get; set; }
}

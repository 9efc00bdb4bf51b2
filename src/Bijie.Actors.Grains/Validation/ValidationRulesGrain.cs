using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Validation;

/// <summary>The validation rules the office edits; a programme that never edited them has the defaults.</summary>
public sealed class ValidationRulesGrain(
    [PersistentState("validation-rules", StorageNames.Default)] IPersistentState<ValidationRulesState> state) : Grain, IValidationRulesGrain
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
        state.State = new ValidationRulesState { Edited = true, Rules = [.. rules] };
        await state.WriteStateAsync();
        return state.State.Rules;
    }
}

[GenerateSerializer, Alias("Bijie.Actors.ValidationRulesState")]
public sealed class ValidationRulesState
{
    /// <summary>False until the office first saves a catalogue: until then the defaults apply.</summary>
    [Id(0)] public bool Edited { get; set; }

    [Id(1)] public List<ValidationRule> Rules { get; set; } = [];
}

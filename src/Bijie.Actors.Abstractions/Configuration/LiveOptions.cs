using System.ComponentModel.DataAnnotations;

namespace Bijie.Actors.Abstractions.Configuration;

/// <summary>
/// Options of the live channel (configuration section <c>Bijie:Live</c>), one class for both of its ends: the silos
/// batch changes and keep the directory of web hosts; the web hosts subscribe, push boards to screens and bound
/// what one connection may ask.
/// </summary>
public sealed class LiveOptions : IValidatableObject
{
    public const string Section = "Bijie:Live";

    /// <summary>How often each silo sends the web hosts what changed since its last send.</summary>
    [Positive] public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How often a silo re-reads the list of web hosts.</summary>
    [Positive] public TimeSpan DirectoryRefresh { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a web host renews its subscription.</summary>
    [Positive] public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a web host that stopped renewing stays on the list.</summary>
    [Positive] public TimeSpan ObserverExpiry { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>While a board keeps changing, it is pushed to its screens at most this often (and once after the last change).</summary>
    [Positive] public TimeSpan PushSpacing { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The most groups (scopes and pushed boards together) one connection may watch; a city board watches about twenty.</summary>
    [Positive] public int MaxGroupsPerConnection { get; set; } = 200;

    /// <summary>Hub calls per second one connection may make (a board makes a few when it opens).</summary>
    [Positive] public int CallsPerSecondPerConnection { get; set; } = 20;

    /// <summary>Open connections one address may hold (many screens behind one address need it raised).</summary>
    [Positive] public int MaxConnectionsPerAddress { get; set; } = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RenewInterval >= ObserverExpiry)
        {
            // A host that renews no sooner than it expires drops off the list between renewals, and its screens go quiet.
            yield return new ValidationResult(
                $"RenewInterval ({RenewInterval}) must be shorter than ObserverExpiry ({ObserverExpiry}).", [nameof(RenewInterval), nameof(ObserverExpiry)]);
        }
    }
}

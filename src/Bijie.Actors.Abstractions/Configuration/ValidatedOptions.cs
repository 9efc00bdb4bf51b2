using System.ComponentModel.DataAnnotations;

namespace Bijie.Actors.Abstractions.Configuration;

/// <summary>
/// The check every options class gets at start (its attributes and, where it has one, its own cross-field rule), for the
/// options a composition root reads while it composes (rate limits, cookies) and cannot wait for the container's
/// <c>ValidateOnStart</c>. A bad value stops the host with the section and the reason, never runs it half-configured.
/// </summary>
public static class ValidatedOptions
{
    public static T Check<T>(T options, string section)
        where T : class
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new InvalidOperationException($"Configuration section {section} is invalid: " + string.Join(" ", results.Select(r => r.ErrorMessage)));
        }

        return options;
    }
}

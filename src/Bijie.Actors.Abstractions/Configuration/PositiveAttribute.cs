using System.ComponentModel.DataAnnotations;

namespace Bijie.Actors.Abstractions.Configuration;

/// <summary>An option that must be above zero: a duration, a count or a size (a zero interval would spin, a zero limit refuse all).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PositiveAttribute : ValidationAttribute
{
    public PositiveAttribute()
        : base("{0} must be above zero.")
    {
    }

    public override bool IsValid(object? value) => value switch
    {
        null => true,
        TimeSpan t => t > TimeSpan.Zero,
        int i => i > 0,
        long l => l > 0,
        decimal d => d > 0,
        double d => d > 0,
        _ => false,
    };
}

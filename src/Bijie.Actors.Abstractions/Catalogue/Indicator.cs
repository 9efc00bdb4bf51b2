namespace Bijie.Actors.Abstractions;

/// <summary>An indicator of the catalogue.</summary>
/// <param name="Code">Stable code, e.g. <c>clinic_person_times</c>.</param>
/// <param name="NameZh">Chinese name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Unit">Unit, in Chinese (人次, 批次, 元, 个, 家).</param>
/// <param name="Aggregation">How the figure is computed.</param>
/// <param name="Integral">Whether values are whole numbers.</param>
/// <param name="MaxPerReport">The largest value one report may carry: above it a value is absurd.</param>
/// <param name="Source">What records its values (summed indicators only).</param>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.Indicator")]
public sealed record Indicator(
    [property: Id(0)] string Code,
    [property: Id(1)] string NameZh,
    [property: Id(2)] string NameEn,
    [property: Id(3)] string Unit,
    [property: Id(4)] Aggregation Aggregation,
    [property: Id(5)] bool Integral,
    [property: Id(6)] decimal MaxPerReport,
    [property: Id(7)] IndicatorSource Source = IndicatorSource.Report)
{
    /// <summary>
    /// Reports carry values only for summed indicators recorded by reports; counted ones follow from pairings and
    /// projects, visits and expert service from their own records.
    /// </summary>
    public bool Reportable => Aggregation == Aggregation.Sum && Source == IndicatorSource.Report;
}

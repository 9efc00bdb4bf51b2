namespace Bijie.Actors.Divisions;

/// <summary>Which division map the silo loads (configuration section <c>Bijie:Divisions</c>).</summary>
public sealed class DivisionOptions
{
    public const string Section = "Bijie:Divisions";

    /// <summary>A CSV file of divisions (code,level,parent_code,name); unset: Bijie's, embedded.</summary>
    public string? File { get; set; }
}

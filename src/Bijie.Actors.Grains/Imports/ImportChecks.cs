using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Imports;

/// <summary>Checks the importers share.</summary>
internal static class ImportChecks
{
    /// <summary>A locality code in a file: unknown or malformed is a bad row, reported in the file's column.</summary>
    public static async Task CheckLocalityAsync(IGrainFactory grains, string code)
    {
        try
        {
            await grains.GetLocality(code).GetAsync();
        }
        catch (DomainException e)
        {
            throw DomainException.Invalid(e.Code, e.Message, LedgerColumns.LocalityCode);
        }
    }
}

namespace Bijie.Actors.Abstractions;

/// <summary>How a person reads a pairing or a project: its two sides ("民建中央 ↔ 黔西市") or its title.</summary>
public static class SubjectNames
{
    /// <summary>
    /// The name of a pairing (<paramref name="kind"/> anything but "project") or a project; null for a pairing never started.
    /// Throws the grains' NotFound for a project or a side that does not exist.
    /// </summary>
    public static async Task<string?> SubjectNameAsync(this IGrainFactory grains, string subjectId, string kind)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (kind == "project")
        {
            return (await grains.GetGrain<IProjectGrain>(subjectId).GetAsync()).Title;
        }

        var pairing = await grains.GetGrain<IPairingGrain>(subjectId).GetAsync();
        if (pairing.Status == PairingStatus.None)
        {
            return null;
        }

        var helper = pairing.EnterpriseCode is { } code
            ? (await grains.GetGrain<IEnterpriseGrain>(code).GetAsync()).Name
            : pairing.HelperId is { } id ? (await grains.GetGrain<IHelperGrain>(id).GetAsync()).NameZh : null;
        var other = pairing.PartnerId is { } partner
            ? (await grains.GetGrain<IHelperGrain>(partner).GetAsync()).NameZh
            : (await grains.GetLocality(pairing.LocalityCode).GetAsync()).Name;
        return helper is null ? other : $"{helper} ↔ {other}";
    }
}

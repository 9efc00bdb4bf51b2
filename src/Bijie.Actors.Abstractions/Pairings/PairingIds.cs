namespace Bijie.Actors.Abstractions;

/// <summary>Pairing ids follow from their two sides, so one pair has one pairing grain and a duplicate is seen at once.</summary>
public static class PairingIds
{
    public static string For(StartPairing request) => request.Kind switch
    {
        PairingKind.Regional => $"rg-{request.HelperId}-{request.LocalityCode}",
        PairingKind.Township => $"ts-{request.HelperId}-{request.LocalityCode}",
        PairingKind.EnterpriseVillage => $"ev-{request.EnterpriseCode}-{request.LocalityCode}",
        _ => $"in-{request.HelperId}-{request.PartnerId}",
    };
}

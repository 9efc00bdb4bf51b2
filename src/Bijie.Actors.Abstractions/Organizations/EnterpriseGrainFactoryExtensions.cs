namespace Bijie.Actors.Abstractions;

public static class EnterpriseGrainFactoryExtensions
{
    /// <summary>
    /// The grain of an enterprise a path names; a code that is not a valid unified social credit code (GB 32100, with
    /// its check character) names nothing, so it is a 404 before any grain is activated for it.
    /// </summary>
    public static IEnterpriseGrain GetEnterprise(this IGrainFactory grains, string creditCode) =>
        CreditCodes.Problem(creditCode) is { } problem
            ? throw DomainException.NotFound("enterprise.unknown", problem, "creditCode")
            : grains.GetGrain<IEnterpriseGrain>(creditCode);
}

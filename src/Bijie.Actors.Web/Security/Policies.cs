namespace Bijie.Actors.Web.Security;

/// <summary>The authorisation policies of the API.</summary>
public static class Policies
{
    /// <summary>Reading boards and the public drill-down data: anyone when boards are public, else any key.</summary>
    public const string PublicRead = "public-read";

    /// <summary>Reading anything else: any key.</summary>
    public const string Read = "read";

    /// <summary>Reading what belongs to someone (reports): an organisation or a locality its own, the office any; not a viewer.</summary>
    public const string Tenant = "tenant";

    /// <summary>Reporting progress: helpers, enterprises, office, admin.</summary>
    public const string Report = "report";

    /// <summary>Posting needs: localities' offices, office, admin.</summary>
    public const string PostNeed = "post-need";

    /// <summary>Approving a period's figures level by level: localities' offices (their own level and place), office, admin.</summary>
    public const string Approve = "approve";

    /// <summary>Managing the programme: office and admin.</summary>
    public const string Office = "office";

    /// <summary>Managing keys and staff: admin.</summary>
    public const string Admin = "admin";
}

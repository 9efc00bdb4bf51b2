namespace Bijie.Actors.Web.Contracts;

/// <summary>The body of <c>POST /api/v1/matters</c>; the id is the caller's or made up.</summary>
public sealed record RaiseMatterRequest(string? Id, string? Title, string? Description, string? HelperId, string? LocalityCode, Track? Domain, string? ResponsibleStaffId, DateOnly? Due)
{
    public RaiseMatter ToCommand() => new(Title ?? "", Description, Required.Of(HelperId, "helper.unknown", "helperId"), LocalityCode, Domain,
        Required.Of(ResponsibleStaffId, "staff.unknown", "responsibleStaffId"), Required.Of(Due, "matter.due", "due"));
}

/// <summary>The body of <c>POST /api/v1/matters/{id}/steps</c>.</summary>
public sealed record MatterStepRequest(string? Step, string? Note)
{
    public MatterStep Parsed => EnumNames.Parse<MatterStep>(Step) ?? throw DomainException.Invalid("matter.step", "step is Undertaken, Concluded or FedBack.", "step");
}

/// <summary>A support matter as the API writes it.</summary>
public sealed record MatterView(
    string Id, string Title, string? Description, string HelperId, string? LocalityCode, string? Domain, string ResponsibleStaffId, DateOnly Due,
    string Step, bool Overdue, int Escalations, DateTimeOffset? LastEscalatedAt, IReadOnlyList<MatterStepRecord> Steps, int Version, string ServedBy)
{
    public static MatterView From(MatterInfo m, DateTimeOffset now, string servedBy) => new(
        m.Id, m.Title, m.Description, m.HelperId, m.LocalityCode, m.Domain?.Code(), m.ResponsibleStaffId, m.Due, m.Step.ToString(), m.IsOverdue(now),
        m.Escalations, m.LastEscalatedAt, m.Steps, m.Version, servedBy);
}

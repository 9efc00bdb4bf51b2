namespace Bijie.Actors.Client;

/// <summary>A locality of Bijie.</summary>
public sealed record Locality(string Code, string Name, string OfficialName, string Level, string? ParentCode, IReadOnlyList<LocalityRef> Children);

public sealed record LocalityRef(string Code, string Name);

/// <summary>An indicator's figure on a board.</summary>
public sealed record BoardFigure(decimal Value, decimal? PreviousValue, decimal? YoyPercent, string NameZh, string NameEn, string Unit);

/// <summary>A board: the figures of a scope for a year.</summary>
public sealed record Board(string Code, string Name, int Year, IReadOnlyDictionary<string, BoardFigure> Indicators);

/// <summary>A progress report to send.</summary>
public sealed record NewReport(string? PairingId, string? ProjectId, DateOnly Date, IReadOnlyDictionary<string, decimal> Values, string? Note = null);

/// <summary>The answer to a report: its id; <see cref="Replayed"/> when an earlier attempt had committed it.</summary>
public sealed record ReportReceipt(Guid Id, long Position, bool Replayed);

/// <summary>A report as the ledger holds it.</summary>
public sealed record Report(Guid Id, string Kind, string SubjectId, DateOnly Date, IReadOnlyDictionary<string, decimal> Values, string ReportedBy, bool OnBehalf, DateTimeOffset RecordedAt, Guid? Reverses, long Position);

/// <summary>A pairing to start.</summary>
public sealed record NewPairing(string Kind, string? HelperId, string? EnterpriseCode, string? LocalityCode, string? PartnerId, string? Domain, DateOnly Start, string ResponsibleStaffId, string? Note = null);

/// <summary>A pairing.</summary>
public sealed record Pairing(string Id, string Kind, string Status, string LocalityCode, string? HelperId, string? EnterpriseCode, string? PartnerId, string? Domain, DateOnly Start, DateOnly? End, string? EndReason, string ResponsibleStaffId, int Version);

/// <summary>A page of a listing.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next, int Total);

/// <summary>Filters of the pairings listing.</summary>
public sealed record PairingFilter(string? Locality = null, string? Enterprise = null, string? Helper = null, int? Year = null, string? Status = null, int Page = 1, int Size = 50);

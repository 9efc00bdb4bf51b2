namespace Bijie.Actors.Web.Contracts;

/// <summary>The body of <c>POST /api/v1/api-keys</c>.</summary>
public sealed record IssueKeyRequest(string? Owner, ActorRole Role, string? OrganizationId);

/// <summary>A new key and its token, shown this once.</summary>
public sealed record IssuedKeyDto(ApiKeyInfo Key, string Token);

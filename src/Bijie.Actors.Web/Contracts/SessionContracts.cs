namespace Bijie.Actors.Web.Contracts;

/// <summary>The body of <c>POST /api/v1/session</c>.</summary>
public sealed record SignInRequest(string? UserName, string? Password, string? ReturnUrl = null);

/// <summary>The body of <c>POST /api/v1/session/password</c>.</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>The body of <c>POST /api/v1/accounts/{userName}/password</c>: no password makes the server choose a one-time one.</summary>
public sealed record ResetPasswordRequest(string? Password);

/// <summary>The body of <c>POST /api/v1/accounts</c>.</summary>
public sealed record CreateAccountRequest(string? UserName, string? DisplayName, ActorRole Role, string? OrganizationId, string? Password);

/// <summary>
/// The signed-in user and the token to send as X-CSRF-TOKEN with writes made with the cookie; after a sign-in, where
/// to go next (the return address asked for when it is a path of this site, else "/").
/// </summary>
public sealed record SessionDto(string UserId, string DisplayName, string Role, string? OrganizationId, string? AntiforgeryToken, string? Next = null);

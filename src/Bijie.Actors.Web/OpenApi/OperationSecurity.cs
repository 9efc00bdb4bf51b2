using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Bijie.Actors.Web.OpenApi;

/// <summary>
/// Gives each operation the security its policy asks for (<c>x-bijie-policy</c>, written by AccessDocumentation):
/// none for "anonymous"; either scheme, or none at all, for public reads while boards are public; else the API key or
/// the session cookie.
/// </summary>
public sealed class OperationSecurity(ApiOptions api)
{
    /// <summary>How an operation is reached.</summary>
    public enum Access
    {
        /// <summary>No policy is declared (the authorisation suite reports such an operation).</summary>
        Undeclared,

        /// <summary>Anyone, no credentials (sign-in, the system's status).</summary>
        Anonymous,

        /// <summary>Anyone while public boards are on; a key or a session sees the same.</summary>
        Public,

        /// <summary>An API key or a session, of a role the policy admits.</summary>
        Authorised,
    }

    /// <summary>The policies AccessDocumentation wrote on the operation (comma-separated), or none.</summary>
    public static IReadOnlyList<string> PoliciesOf(OpenApiOperation operation) =>
        operation.Extensions?.TryGetValue(Security.AccessDocumentation.Extension, out var extension) == true
            && extension is JsonNodeExtension { Node: JsonValue value } && value.TryGetValue(out string? policies)
            ? policies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];

    public static Access AccessOf(OpenApiOperation operation, ApiOptions api)
    {
        var policies = PoliciesOf(operation);
        return policies.Count == 0 ? Access.Undeclared
            : policies.Contains("anonymous") ? Access.Anonymous
            : api.PublicBoards && policies.All(p => p == Policies.PublicRead) ? Access.Public
            : Access.Authorised;
    }

    /// <summary>
    /// Gives every operation of the document the security its policy asks for. Runs in the document transformer, after
    /// the schemes are registered: a requirement whose scheme does not resolve would be written as an empty one ("no
    /// credentials"), the opposite of what it means.
    /// </summary>
    public void Apply(OpenApiDocument document)
    {
        foreach (var operation in (document.Paths ?? []).SelectMany(p => p.Value.Operations ?? []).Select(o => o.Value))
        {
            var access = AccessOf(operation, api);
            if (access is Access.Undeclared or Access.Anonymous)
            {
                continue;
            }

            // Alternatives: either scheme is enough; an empty requirement says that no credentials are needed at all.
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(DocumentDescription.ApiKeyScheme, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(DocumentDescription.SessionScheme, document)] = [] },
            ];
            if (access == Access.Public)
            {
                operation.Security.Add(new OpenApiSecurityRequirement());
            }
        }
    }
}

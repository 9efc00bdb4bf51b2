using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Bijie.Actors.Web.Security;

/// <summary>
/// Writes each operation's authorisation policy into the OpenAPI document as <c>x-bijie-policy</c> ("anonymous" for
/// sign-in; several, comma-separated, when groups add theirs): programs see who may call what, and the authorisation suite calls every operation as every role
/// against it, so an endpoint mapped without a policy is found before it ships.
/// </summary>
public sealed class AccessDocumentation : IOpenApiOperationTransformer
{
    public const string Extension = "x-bijie-policy";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        // Every policy on the endpoint and its groups applies: they are listed, comma-separated.
        var policies = metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToArray();
        var policy = metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any() ? "anonymous"
            : policies.Length > 0 ? string.Join(',', policies)
            : null;
        if (policy is not null)
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[Extension] = new JsonNodeExtension(JsonValue.Create(policy));
        }

        return Task.CompletedTask;
    }
}

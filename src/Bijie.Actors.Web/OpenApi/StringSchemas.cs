using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Bijie.Actors.Web.OpenApi;

/// <summary>
/// Strings are written by a converter of our own (<see cref="Problems.NoNulStringConverter"/>, which refuses NUL), and
/// the document generator gives a type it cannot see through a custom converter an empty schema: every text field of
/// every body read as "anything". This puts back <c>string</c> (with <c>null</c> where the property is nullable), so
/// clients generated from the document, and the typed client's drift test, see what the server reads and writes.
/// Enums, written as their names, get <c>string</c> beside their list of names for the same reason.
/// </summary>
public sealed class StringSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (schema.Type is not null || schema.OneOf is { Count: > 0 } || schema.AnyOf is { Count: > 0 })
        {
            return Task.CompletedTask;
        }

        if ((Nullable.GetUnderlyingType(type) ?? type).IsEnum && schema.Enum is { Count: > 0 } names)
        {
            // A schema first made for a nullable use (Track?) lists null among the names.
            schema.Type = names.Any(n => n is null || n.GetValueKind() == System.Text.Json.JsonValueKind.Null)
                ? JsonSchemaType.String | JsonSchemaType.Null
                : JsonSchemaType.String;
            return Task.CompletedTask;
        }

        if (type != typeof(string))
        {
            return Task.CompletedTask;
        }

        var nullable = context.JsonPropertyInfo is { } property && (property.IsGetNullable || property.IsSetNullable);
        schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        return Task.CompletedTask;
    }
}

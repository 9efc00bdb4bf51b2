using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Bijie.Actors.Web.Problems;

/// <summary>Turns the model's refusals into RFC 9457 problem details: 400, 404 or 409, with the field at fault.</summary>
public sealed class DomainExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is ArgumentException argument
            && (argument.ParamName == "primaryKey" || argument.Message.Contains("(Parameter 'primaryKey')", StringComparison.Ordinal)))
        {
            // Orleans refuses an empty or blank grain key: an id or a reference in the request was empty.
            exception = DomainException.Invalid("id.required", "An id or a reference in the request is empty.");
        }

        if (exception is not DomainException refusal)
        {
            // A silo or store that does not answer in time is not the client's fault, and passes: 503, try again.
            if (exception is not (TimeoutException or SiloUnavailableException or OrleansMessageRejectionException))
            {
                return false;
            }

            refusal = DomainException.Unavailable("The service is busy or a store does not answer; try again shortly.");
        }

        if (refusal.Kind == DomainErrorKind.Unavailable)
        {
            context.Response.Headers.RetryAfter = "2";
        }

        context.Response.StatusCode = StatusOf(refusal);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = ToProblem(refusal, context.Response.StatusCode),
        });
    }

    public static int StatusOf(DomainException refusal) => refusal.Kind switch
    {
        DomainErrorKind.NotFound => StatusCodes.Status404NotFound,
        DomainErrorKind.Conflict => StatusCodes.Status409Conflict,
        DomainErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        DomainErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        DomainErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>A refused field as the client sent it: the domain's idempotency key is the <c>Idempotency-Key</c> header here.</summary>
    public static string FieldAsSent(string field) => field == DomainFields.IdempotencyKey ? "Idempotency-Key" : field;

    public static ProblemDetails ToProblem(DomainException refusal, int status)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = refusal.Kind switch
            {
                DomainErrorKind.NotFound => "Not found",
                DomainErrorKind.Conflict => "Conflict",
                DomainErrorKind.Forbidden => "Forbidden",
                DomainErrorKind.PreconditionFailed => "Precondition failed",
                DomainErrorKind.Unavailable => "Service unavailable",
                _ => "Invalid request",
            },
            Detail = refusal.Message,
        };
        problem.Extensions["code"] = refusal.Code;
        if (refusal.Arguments is { Count: > 0 } arguments)
        {
            problem.Extensions["args"] = arguments;
        }
        if (refusal.Field is { } field)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [FieldAsSent(field)] = [refusal.Message] };
        }

        return problem;
    }
}

namespace Bijie.Actors.Web.OpenApi;

/// <summary>A refusal as the API answers it: its stable code, its detail and the field at fault (none for the framework's answers).</summary>
public sealed record ProblemExample(string Summary, string? Code, string Detail, string? Field = null);

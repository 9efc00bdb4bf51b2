namespace Bijie.Actors.Abstractions;

/// <summary>A "since 1988" figure: the dated history, what came after it, and the sum.</summary>
public sealed record SinceFigure(string Code, string NameZh, string NameEn, string Unit, decimal History, int ThroughYear, decimal Live, decimal Total);

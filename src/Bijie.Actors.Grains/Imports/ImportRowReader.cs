using System.Globalization;
using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Imports;

/// <summary>One row of an imported file, read by column header: its cells as text, numbers and dates written invariantly.</summary>
internal sealed class ImportRowReader(IReadOnlyDictionary<string, string> values)
{
    public string? Text(string column) =>
        values.TryGetValue(column, out var v) && v.Trim() is { Length: > 0 } text ? text : null;

    public string Required(string column) =>
        Text(column) ?? throw DomainException.Invalid("import.missing", $"{column} is empty.", column);

    public DateOnly? OptionalDate(string column) => Text(column) is null ? null : Date(column);

    public DateOnly Date(string column) =>
        DateOnly.TryParseExact(Required(column), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw DomainException.Invalid("import.date", $"{column} '{Text(column)}' is not a date (yyyy-MM-dd).", column);

    public decimal Number(string column) =>
        decimal.TryParse(Required(column), NumberStyles.Number, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw DomainException.Invalid("import.number", $"{column} '{Text(column)}' is not a number.", column);
}

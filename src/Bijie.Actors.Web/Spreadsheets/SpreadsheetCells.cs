using System.Globalization;

namespace Bijie.Actors.Web.Spreadsheets;

/// <summary>
/// Formula injection in the ledgers: a text cell that begins with = + - @, a tab or a carriage return is read as a
/// formula (or a DDE call) by Excel and other spreadsheets, so a need's or a helper's name such as
/// <c>=HYPERLINK(...)</c> would act on the office's computer. Every exported text cell passes here and such a cell
/// is written with a leading apostrophe, which spreadsheets show as text; an import takes the apostrophe off again,
/// so that an exported ledger imports as it was.
/// </summary>
public static class SpreadsheetCells
{
    private const char Quote = '\'';

    /// <summary>An exported cell: numbers, dates and the rest stay as they are; text is made inert.</summary>
    public static object? Export(object? value) => value is string text ? Neutralise(text) : value;

    public static string Neutralise(string text) =>
        text.Length > 0 && Triggers(text[0]) && !IsPlainNumber(text) ? Quote + text : text;

    /// <summary>An imported cell's text as it was before <see cref="Neutralise"/>.</summary>
    public static string Restore(string text) =>
        text.Length > 1 && text[0] == Quote && Triggers(text[1]) ? text[1..] : text;

    private static bool Triggers(char first) => first is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>"-3" or "+1.5" as text: a spreadsheet reads it as that number and never as a formula, so it stays readable.</summary>
    private static bool IsPlainNumber(string text) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
}

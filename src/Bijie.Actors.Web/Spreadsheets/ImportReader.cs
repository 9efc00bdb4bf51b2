using System.IO.Compression;
using MiniExcelLibs;

namespace Bijie.Actors.Web.Spreadsheets;

/// <summary>Options of ledger imports (configuration section <c>Bijie:Imports</c>).</summary>
public sealed class ImportOptions
{
    public const string Section = "Bijie:Imports";

    /// <summary>What an XLSX file may unpack to, all its parts together, counted while unpacking.</summary>
    [Abstractions.Configuration.Positive] public long MaxUncompressedBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Rows of a file, empty ones included (a county's year of reports is a few tens of thousands).</summary>
    [Abstractions.Configuration.Positive] public int MaxRows { get; set; } = 100_000;

    /// <summary>Columns of a file; the widest ledger has eighteen.</summary>
    [Abstractions.Configuration.Positive] public int MaxColumns { get; set; } = 64;
}

/// <summary>
/// Reads an imported file's rows within bounds. An XLSX file is a zip: a few kB can declare, or merely unpack to,
/// gigabytes. Its parts are counted first (their number, their declared sizes and ratios, then the bytes they
/// really unpack to, stopping at the cap), and only a workbook within the caps is handed to the spreadsheet
/// reader, whose rows are then taken one at a time up to the row and column caps. A refusal is 400 import.too_large.
/// </summary>
public static class ImportReader
{
    /// <summary>A workbook has a few dozen parts.</summary>
    public const int MaxEntries = 1_000;

    /// <summary>Sheets compress ten to fifty times; deflate's most is about a thousand, which only made-up content reaches.</summary>
    public const int MaxCompressionRatio = 250;

    private const long RatioCheckedAbove = 1024 * 1024;

    public static List<IDictionary<string, object?>> Read(byte[] file, ExcelType type, ImportOptions options)
    {
        if (type == ExcelType.XLSX)
        {
            CheckWorkbook(file, options.MaxUncompressedBytes);
        }

        try
        {
            return Rows(file, type, options);
        }
        catch (Exception e) when (e is not DomainException)
        {
            throw DomainException.Invalid("import.unreadable", $"The file cannot be read as {type}: {e.Message}", "file");
        }
    }

    private static List<IDictionary<string, object?>> Rows(byte[] file, ExcelType type, ImportOptions options)
    {
        using var stream = new MemoryStream(file, writable: false);
        var rows = new List<IDictionary<string, object?>>();
        var read = 0;
        foreach (var row in stream.Query(useHeaderRow: true, excelType: type).Cast<IDictionary<string, object?>>())
        {
            if (++read > options.MaxRows)
            {
                throw TooLarge($"The file has more than {options.MaxRows:N0} rows; split it.");
            }

            if (row.Count > options.MaxColumns)
            {
                throw TooLarge($"The file has {row.Count:N0} columns, more than {options.MaxColumns}.");
            }

            if (row.Values.Any(v => v is not null && v.ToString()!.Length > 0))
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    private static void CheckWorkbook(byte[] file, long maxBytes)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(new MemoryStream(file, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw DomainException.Invalid("import.unreadable", $"The file cannot be read as XLSX: {e.Message}", "file");
        }

        using (archive)
        {
            var entries = archive.Entries;
            if (entries.Count > MaxEntries)
            {
                throw TooLarge($"The workbook has {entries.Count:N0} parts; a workbook has a few dozen.");
            }

            var declared = 0L;
            foreach (var entry in entries)
            {
                declared += entry.Length;
                if (declared > maxBytes || entry.Length < 0)
                {
                    throw TooLarge($"The workbook unpacks to more than {maxBytes:N0} bytes.");
                }

                if (entry.Length > RatioCheckedAbove && entry.Length / Math.Max(1, entry.CompressedLength) > MaxCompressionRatio)
                {
                    throw TooLarge($"'{entry.FullName}' unpacks {entry.Length / Math.Max(1, entry.CompressedLength):N0} times its size: not a spreadsheet.");
                }
            }

            // The declared sizes may lie: count what the parts really unpack to, and stop at the cap.
            var left = maxBytes;
            var buffer = new byte[64 * 1024];
            try
            {
                foreach (var entry in entries)
                {
                    using var part = entry.Open();
                    int n;
                    while ((n = part.Read(buffer)) > 0)
                    {
                        left -= n;
                        if (left < 0)
                        {
                            throw TooLarge($"The workbook unpacks to more than {maxBytes:N0} bytes.");
                        }
                    }
                }
            }
            catch (Exception e) when (e is InvalidDataException or NotSupportedException)
            {
                throw DomainException.Invalid("import.unreadable", $"The file cannot be read as XLSX: {e.Message}", "file");
            }
        }
    }

    private static DomainException TooLarge(string message) => DomainException.Invalid("import.too_large", message, "file");

    /// <summary>
    /// A row's cells as the silo side reads them: text as typed (an exported cell's protective apostrophe taken off),
    /// numbers and dates written invariantly (<c>1234.5</c>, <c>2024-06-12</c>), empty cells left out.
    /// </summary>
    public static ImportRow AsText(IDictionary<string, object?> row)
    {
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (column, value) in row)
        {
            var text = value switch
            {
                null => null,
                double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                DateTime dt => dt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                _ => SpreadsheetCells.Restore(value.ToString()!.Trim()),
            };
            if (text is { Length: > 0 })
            {
                cells[column] = text;
            }
        }

        return new ImportRow(cells);
    }
}

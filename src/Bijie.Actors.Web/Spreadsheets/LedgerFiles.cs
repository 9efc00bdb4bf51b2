using System.Security.Cryptography;
using MiniExcelLibs;

namespace Bijie.Actors.Web.Spreadsheets;

/// <summary>
/// The 台账 files as HTTP carries them: a ledger written as CSV (UTF-8 with a BOM, for Excel) or XLSX with every text
/// cell made inert, an uploaded file read into rows under the caps, and a kind's empty template.
/// </summary>
public static class LedgerFiles
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The file type a format names (csv or xlsx); another is not there (404).</summary>
    public static ExcelType Format(string format) => format.ToLowerInvariant() switch
    {
        "csv" => ExcelType.CSV,
        "xlsx" => ExcelType.XLSX,
        _ => throw DomainException.NotFound("export.format", $"'{format}' is not a format: csv or xlsx.", "format"),
    };

    public static FileContentHttpResult File(ExcelType type, LedgerSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        using var stream = new MemoryStream();
        if (type == ExcelType.CSV)
        {
            stream.Write("\uFEFF"u8); // Excel opens UTF-8 CSV with Chinese headers correctly only with a BOM
        }

        // Every text cell made inert here, in the one place every export passes.
        stream.SaveAs(sheet.Rows.Select(r => r.ToDictionary(c => c.Key, c => SpreadsheetCells.Export(c.Value))).ToList(), excelType: type);
        return type == ExcelType.CSV
            ? TypedResults.File(stream.ToArray(), "text/csv; charset=utf-8", $"{sheet.Name}.csv")
            : TypedResults.File(stream.ToArray(), Xlsx, $"{sheet.Name}.xlsx");
    }

    /// <summary>
    /// The uploaded file's rows as text, and its hash (the rows' reports are keyed by it, so sending the same file again
    /// applies nothing twice). The type is the format asked for, else the body's media type; a file that cannot be read is bad input.
    /// </summary>
    public static async Task<(IReadOnlyList<ImportRow> Rows, string FileHash)> ReadAsync(HttpRequest request, string? format, ImportOptions limits)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        var type = format is not null ? Format(format)
            : request.ContentType?.StartsWith(Xlsx, StringComparison.OrdinalIgnoreCase) == true ? ExcelType.XLSX : ExcelType.CSV;
        List<IDictionary<string, object?>> rows;
        try
        {
            rows = ImportReader.Read(bytes, type, limits);
        }
        catch (Exception e) when (e is not DomainException)
        {
            throw DomainException.Invalid("import.unreadable", $"The file cannot be read as {type}: {e.Message}", "file");
        }

        return (rows.Select(ImportReader.AsText).ToArray(), Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]);
    }

    /// <summary>An empty file with a kind's column headers.</summary>
    /// <summary>An import refused whole: problem details as every 4xx, carrying the result's figures and the bad rows (errors).</summary>
    public static ProblemHttpResult Refused(ImportResult result) =>
        TypedResults.Problem(statusCode: 400, title: "Invalid request",
            detail: $"{result.Rows - result.ValidRows} of {result.Rows} rows are bad; nothing was imported.", extensions: new Dictionary<string, object?>
            {
                ["code"] = "import.invalid_rows", ["kind"] = result.Kind, ["dryRun"] = false, ["rows"] = result.Rows, ["validRows"] = result.ValidRows,
                ["applied"] = 0, ["errors"] = result.Errors,
            });

    public static FileContentHttpResult Template(ExcelType type, string kind, IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (type == ExcelType.CSV)
        {
            return TypedResults.File([.. "\uFEFF"u8, .. System.Text.Encoding.UTF8.GetBytes(string.Join(',', header) + "\r\n")], "text/csv; charset=utf-8", $"{kind}-template.csv");
        }

        return File(ExcelType.XLSX, new LedgerSheet($"{kind}-template", [header.ToDictionary(c => c, _ => (object?)null)]));
    }
}

using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Web.Spreadsheets;
using MiniExcelLibs;

namespace Bijie.Actors.UnitTests;

/// <summary>Ledger files in and out: formula-like text made inert, and imports bounded before and while they are read.</summary>
public sealed class SpreadsheetSafetyTests
{
    private static readonly ImportOptions Defaults = new();

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "'\r=1+1")]
    [InlineData("-3", "-3")]
    [InlineData("+1.5", "+1.5")]
    [InlineData("乡镇卫生院 = 设备", "乡镇卫生院 = 设备")]
    [InlineData("", "")]
    public void A_text_cell_that_a_spreadsheet_would_run_is_written_as_text_and_imports_as_it_was(string text, string exported)
    {
        Assert.Equal(exported, SpreadsheetCells.Export(text));
        Assert.Equal(text, SpreadsheetCells.Restore(exported));
    }

    [Fact]
    public void Numbers_stay_numbers()
    {
        Assert.Equal(-3m, SpreadsheetCells.Export(-3m));
        Assert.Equal(-1.5, SpreadsheetCells.Export(-1.5));
        Assert.Null(SpreadsheetCells.Export(null));
    }

    [Fact]
    public void A_zip_bomb_is_refused_by_its_declared_size_before_anything_unpacks()
    {
        var bomb = Bomb(200 * 1024 * 1024, lie: false);
        Assert.True(bomb.Length < 512 * 1024, $"the bomb is {bomb.Length} bytes");
        var (refusal, allocated, took) = Measure(() => ImportReader.Read(bomb, ExcelType.XLSX, Defaults));
        Assert.Equal("import.too_large", refusal.Code);
        Assert.True(allocated < 4 * 1024 * 1024, $"{allocated} bytes allocated");
        Assert.True(took < TimeSpan.FromSeconds(5), $"took {took}");
    }

    [Fact]
    public void A_zip_bomb_that_lies_about_its_sizes_is_refused_without_unpacking_past_the_cap()
    {
        var bomb = Bomb(200 * 1024 * 1024, lie: true);
        var (refusal, allocated, took) = Measure(() => ImportReader.Read(bomb, ExcelType.XLSX, Defaults));
        // The runtime unpacks an entry no further than its declared size (and the count stops at the cap if it did
        // not), so the sheet reads as a truncated one: unreadable, after a kilobyte.
        Assert.Equal("import.unreadable", refusal.Code);
        Assert.True(allocated < 16 * 1024 * 1024, $"{allocated} bytes allocated");
        Assert.True(took < TimeSpan.FromSeconds(10), $"took {took}");
    }

    [Fact]
    public void A_file_with_more_rows_or_columns_than_the_caps_is_refused_and_one_within_them_is_read()
    {
        var options = new ImportOptions { MaxRows = 10, MaxColumns = 5 };
        static byte[] Csv(int rows, int columns) => Encoding.UTF8.GetBytes(string.Join("\n",
            Enumerable.Range(0, rows + 1).Select(r => string.Join(",", Enumerable.Range(0, columns).Select(c => r == 0 ? $"列{c}" : $"{r}-{c}")))) + "\n");

        Assert.Equal(10, ImportReader.Read(Csv(10, 5), ExcelType.CSV, options).Count);
        Assert.Equal("import.too_large", Assert.Throws<DomainException>(() => ImportReader.Read(Csv(11, 5), ExcelType.CSV, options)).Code);
        Assert.Equal("import.too_large", Assert.Throws<DomainException>(() => ImportReader.Read(Csv(2, 6), ExcelType.CSV, options)).Code);

        using var sheet = new MemoryStream();
        sheet.SaveAs(Enumerable.Range(0, 11).Select(i => new Dictionary<string, object?> { ["编号"] = $"r{i}" }).ToList(), excelType: ExcelType.XLSX);
        Assert.Equal("import.too_large", Assert.Throws<DomainException>(() => ImportReader.Read(sheet.ToArray(), ExcelType.XLSX, options)).Code);
    }

    private static (DomainException Refusal, long Allocated, TimeSpan Took) Measure(Action read)
    {
        var clock = Stopwatch.StartNew();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var refusal = Assert.Throws<DomainException>(read);
        return (refusal, GC.GetAllocatedBytesForCurrentThread() - before, clock.Elapsed);
    }

    /// <summary>
    /// A workbook whose sheet is <paramref name="size"/> bytes of one repeated byte (a few hundred kB packed); with
    /// <paramref name="lie"/> its headers declare the sheet a kilobyte.
    /// </summary>
    private static byte[] Bomb(int size, bool lie)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(archive.CreateEntry("[Content_Types].xml").Open()))
            {
                types.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }

            using var sheet = archive.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal).Open();
            var block = new byte[1024 * 1024];
            for (var i = 0; i < block.Length; i++)
            {
                block[i] = (byte)' ';
            }

            for (var left = size; left > 0; left -= block.Length)
            {
                sheet.Write(block, 0, Math.Min(block.Length, left));
            }
        }

        var file = zip.ToArray();
        if (lie)
        {
            // The uncompressed size in the local header (offset 22) and in the central directory (offset 24).
            for (var i = 0; i + 30 < file.Length; i++)
            {
                var signature = BitConverter.ToUInt32(file, i);
                var at = signature == 0x04034b50 ? i + 22 : signature == 0x02014b50 ? i + 24 : -1;
                if (at > 0 && BitConverter.ToUInt32(file, at) == (uint)size)
                {
                    BitConverter.TryWriteBytes(file.AsSpan(at, 4), 1024u);
                }
            }
        }

        return file;
    }
}

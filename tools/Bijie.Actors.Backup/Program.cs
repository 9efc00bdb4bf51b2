using Bijie.Actors.Backup;

// bijie-tables export|import|wipe --connection "<Azure Table storage connection string>" --dir DIR [--service-id ID] [--table T]...
// The connection string may also come from ConnectionStrings__AzureTables.
try
{
    var options = TableBackupOptions.Parse(args);
    var backup = new TableBackup(options);
    var summary = options.Command switch
    {
        "export" => await backup.ExportAsync(),
        "import" => await backup.ImportAsync(),
        "wipe" => await backup.WipeAsync(),
        _ => throw new ArgumentException($"unknown command '{options.Command}': export, import or wipe"),
    };
    foreach (var (table, rows) in summary)
    {
        Console.WriteLine($"{options.Command}: {table} {rows} rows");
    }

    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"bijie-tables: {e.Message}");
    Console.Error.WriteLine("usage: bijie-tables export|import|wipe --dir DIR [--connection CS] [--service-id ID] [--table NAME]...");
    return 2;
}
catch (Azure.RequestFailedException e)
{
    Console.Error.WriteLine($"bijie-tables: Table storage refused: {e.Status} {e.ErrorCode} {e.Message.Split('\n')[0]}");
    return 1;
}

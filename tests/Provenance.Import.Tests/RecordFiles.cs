namespace Provenance.Import.Tests;

internal static class RecordFiles
{
    public static string Seed(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seeds", name));

    public static string Record(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Records", name));

    public static ParsedRecord ParseOk(string text)
    {
        var result = WilsonCenterRecordReader.Parse(text);
        Assert.True(result.IsSuccess, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return result.Record!;
    }
}

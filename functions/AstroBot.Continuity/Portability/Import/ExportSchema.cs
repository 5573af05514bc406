using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace AstroBot.Continuity.Portability.Import;

/// <summary>
/// The published export schema (<c>docs/schema/export-v1.schema.json</c>, embedded in this assembly), used to
/// validate every <c>data.json</c> before an import writes anything.
/// </summary>
public static class ExportSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(Load);

    /// <exception cref="ImportRefusedException">The document does not validate; the message names the first failing places.</exception>
    public static void Validate(JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var document = JsonDocument.Parse(data.ToJsonString());
        var results = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid)
        {
            return;
        }

        var problems = (results.Details ?? [])
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Value}"))
            .Distinct(StringComparer.Ordinal)
            .Take(5)
            .ToList();
        throw new ImportRefusedException(
            $"data.json does not match the export schema version 1: {(problems.Count > 0 ? string.Join("; ", problems) : "invalid")}.");
    }

    private static JsonSchema Load()
    {
        using var stream = typeof(ExportSchema).Assembly.GetManifestResourceStream("export-v1.schema.json")
            ?? throw new InvalidOperationException("The export schema is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    }
}

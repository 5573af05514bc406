using System.Text.Json;
using System.Text.Json.Nodes;

namespace AstroBot.Continuity.Backup.Restore.Targets;

/// <summary>
/// The throughput a new target database gets through Resource Manager: the source's mode. On a serverless account
/// none (serverless refuses throughput options); otherwise the live database's shared throughput, copied (autoscale
/// with the same maximum, or the same manual RU/s), so a restore writes as fast as the source is provisioned; when the
/// live database has no shared throughput to copy (deleted, or its containers have their own) shared autoscale at its
/// minimum, the shape Bicep deploys. Containers get no throughput of their own: they share the database's.
/// </summary>
public sealed record TargetThroughput(JsonObject? Options, string Description)
{
    /// <summary>The least maximum autoscale allows (RU/s).</summary>
    public const int MinimumAutoscaleMaxThroughput = 1000;

    public static TargetThroughput Serverless { get; } = new(null, "serverless account, no throughput to set");

    /// <summary>From the source database's <c>throughputSettings/default</c> properties.</summary>
    public static TargetThroughput CopiedFrom(string source, BinaryData? throughputSettings)
    {
        if (throughputSettings is not null)
        {
            using var document = JsonDocument.Parse(throughputSettings.ToMemory());
            if (document.RootElement.TryGetProperty("resource", out var resource) && resource.ValueKind == JsonValueKind.Object)
            {
                if (resource.TryGetProperty("autoscaleSettings", out var autoscale) && autoscale.ValueKind == JsonValueKind.Object
                    && autoscale.TryGetProperty("maxThroughput", out var max) && max.TryGetInt32(out var maxThroughput))
                {
                    return Autoscale(maxThroughput, $"shared autoscale up to {maxThroughput} RU/s, as database '{source}'");
                }

                if (resource.TryGetProperty("throughput", out var manual) && manual.TryGetInt32(out var throughput))
                {
                    return new(new JsonObject { ["throughput"] = throughput }, $"shared {throughput} RU/s, as database '{source}'");
                }
            }
        }

        return Fallback(source);
    }

    public static TargetThroughput Fallback(string source) => Autoscale(
        MinimumAutoscaleMaxThroughput,
        $"shared autoscale up to {MinimumAutoscaleMaxThroughput} RU/s: database '{source}' has no shared throughput to copy");

    private static TargetThroughput Autoscale(int maxThroughput, string description) =>
        new(new JsonObject { ["autoscaleSettings"] = new JsonObject { ["maxThroughput"] = maxThroughput } }, description);
}

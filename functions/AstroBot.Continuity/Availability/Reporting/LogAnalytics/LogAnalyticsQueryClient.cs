using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AstroBot.Continuity.Availability.Reporting.LogAnalytics;

/// <summary>
/// A small client of the Log Analytics query API (Azure.Monitor.Query is not served here): <c>POST
/// {endpoint}/v1/workspaces/{workspaceId}/query</c> with <c>{"query": ..., "timespan": "start/end"}</c> over Azure.Core's
/// <see cref="HttpPipeline"/> (its retries honour <c>Retry-After</c>), signed in with the app's one
/// <see cref="TokenCredential"/> for <see cref="Scope"/>. Built by the one Azure-clients registration
/// (<c>AddContinuityAzureClients</c>); tests give it a transport of their own.
/// </summary>
public sealed class LogAnalyticsQueryClient
{
    /// <summary>The token scope of the query API.</summary>
    public const string Scope = "https://api.loganalytics.io/.default";

    private readonly HttpPipeline pipeline;
    private readonly Uri endpoint;

    public LogAnalyticsQueryClient(Uri endpoint, TokenCredential credential, LogAnalyticsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(options);
        this.endpoint = endpoint;
        pipeline = HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(credential, Scope));
    }

    /// <summary>
    /// Runs <paramref name="query"/> (KQL) over [<paramref name="from"/>, <paramref name="to"/>) in workspace
    /// <paramref name="workspaceId"/> (its Workspace ID, a GUID) and returns the first table of the answer.
    /// </summary>
    /// <exception cref="LogAnalyticsQueryException">
    /// The service refused the query (401, 403, 400, ...), kept throttling it (429) after the pipeline's retries, answered
    /// a partial result (an <c>error</c> beside the tables: a report from it would undercount) or something unreadable.
    /// </exception>
    public async Task<LogAnalyticsTable> QueryAsync(string workspaceId, string query, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        using var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(endpoint);
        request.Uri.AppendPath("/v1/workspaces/", escape: false);
        request.Uri.AppendPath(workspaceId, escape: true);
        request.Uri.AppendPath("/query", escape: false);
        request.Headers.Add(HttpHeader.Names.ContentType, "application/json");
        request.Headers.Add(HttpHeader.Names.Accept, "application/json");
        request.Content = RequestContent.Create(Body(query, from, to));
        await pipeline.SendAsync(message, ct).ConfigureAwait(false);

        var response = message.Response;
        if (response.Status != 200)
        {
            throw Refused(response, workspaceId);
        }

        return Parse(response.Content);
    }

    /// <summary>An ISO 8601 interval, <c>start/end</c>, in UTC to the second.</summary>
    internal static string Timespan(DateTimeOffset from, DateTimeOffset to) =>
        string.Create(CultureInfo.InvariantCulture, $"{from.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}/{to.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");

    private static byte[] Body(string query, DateTimeOffset from, DateTimeOffset to)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("query", query);
            writer.WriteString("timespan", Timespan(from, to));
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static LogAnalyticsTable Parse(BinaryData content)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(content.ToMemory());
            root = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new LogAnalyticsQueryException("The Log Analytics answer is not JSON: " + exception.Message, exception);
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            // A non-fatal error: the tables hold only part of the data (documented as "PartialError").
            throw new LogAnalyticsQueryException(
                $"Log Analytics answered a partial result ({Describe(error)}): a report from it would undercount, so none is made. Try again, or a shorter month.");
        }

        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("tables", out var tables) || tables.ValueKind != JsonValueKind.Array || tables.GetArrayLength() == 0
            || tables[0] is not { ValueKind: JsonValueKind.Object } table
            || !table.TryGetProperty("columns", out var columns) || columns.ValueKind != JsonValueKind.Array
            || !table.TryGetProperty("rows", out var rows) || rows.ValueKind != JsonValueKind.Array)
        {
            throw new LogAnalyticsQueryException("The Log Analytics answer has no tables[0] with columns and rows: it is not the documented query result.");
        }

        var names = new List<string>(columns.GetArrayLength());
        foreach (var column in columns.EnumerateArray())
        {
            names.Add(column.ValueKind == JsonValueKind.Object && column.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                ? name.GetString()!
                : throw new LogAnalyticsQueryException("A column of the Log Analytics answer has no name."));
        }

        var values = new List<JsonElement[]>(rows.GetArrayLength());
        foreach (var row in rows.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != names.Count)
            {
                throw new LogAnalyticsQueryException($"A row of the Log Analytics answer does not hold one value per column ({names.Count}).");
            }

            values.Add([.. row.EnumerateArray()]);
        }

        return new LogAnalyticsTable(names, values);
    }

    private static LogAnalyticsQueryException Refused(Response response, string workspaceId)
    {
        var detail = ErrorOf(response.Content);
        var retryAfter = RetryAfter(response);
        var what = response.Status switch
        {
            401 => "refused the sign-in (401): the app's credential got no token the query API accepts",
            403 => $"refused access to workspace {workspaceId} (403): give the app's identity the Log Analytics Reader role on it",
            404 => $"knows no workspace {workspaceId} (404): Availability:LogAnalyticsWorkspaceId must be the workspace's Workspace ID (a GUID)",
            400 => "refused the query (400)",
            429 => "kept throttling the query (429) after the client's retries",
            _ => $"answered {response.Status} {response.ReasonPhrase}".TrimEnd(),
        };
        var wait = retryAfter is { } delay ? $"; it asks to retry after {delay.TotalSeconds:0} s" : string.Empty;
        return new LogAnalyticsQueryException($"Log Analytics {what}{wait}{(detail is null ? string.Empty : ": " + detail)}.")
        {
            Status = response.Status,
            RetryAfter = retryAfter,
        };
    }

    private static TimeSpan? RetryAfter(Response response)
    {
        if (!response.Headers.TryGetValue("Retry-After", out var value) || value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && response.Headers.Date is { } now
            ? at - now
            : null;
    }

    /// <summary>The OneAPI error of a refusal (<c>{"error": {"code", "message", "innererror"}}</c>), in words; null when the body has none.</summary>
    private static string? ErrorOf(BinaryData? content)
    {
        if (content is null || content.ToMemory().IsEmpty)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(content.ToMemory());
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                ? Describe(error)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(JsonElement error)
    {
        var parts = new List<string>(3);
        foreach (var name in new[] { "code", "message" })
        {
            if (error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                parts.Add(value.GetString()!);
            }
        }

        if (error.TryGetProperty("innererror", out var inner) && inner.ValueKind == JsonValueKind.Object)
        {
            parts.Add("(" + Describe(inner) + ")");
        }
        else if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array && details.GetArrayLength() > 0
                 && details[0].ValueKind == JsonValueKind.Object)
        {
            parts.Add("(" + Describe(details[0]) + ")");
        }

        return parts.Count == 0 ? "no details" : string.Join(" ", parts);
    }
}

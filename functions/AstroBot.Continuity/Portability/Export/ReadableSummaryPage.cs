using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Data;

namespace AstroBot.Continuity.Portability.Export;

/// <summary>
/// <c>index.html</c>: the export as a page a person reads in a browser (profile, readings, history). Self-contained:
/// no scripts, no external resources, every value HTML-encoded.
/// </summary>
public static class ReadableSummaryPage
{
    public static byte[] Write(UserData data, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(data);
        var account = data.ItemsOf(BotDataModel.Accounts.Name).FirstOrDefault();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Your AstroBot data</title>")
            .Append("<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}")
            .Append("td,th{border:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}h2{margin-top:2rem}</style></head><body>\n");
        html.Append("<h1>Your AstroBot data</h1>\n<p>")
            .Append(Encode($"{Text(account, "display_name") ?? "Your account"} · WhatsApp {data.WaId} · exported {generatedAt.ToUniversalTime():yyyy-MM-dd HH:mm} UTC"))
            .Append("</p>\n<p>The complete data is in <code>data.json</code> (schema in the archive's manifest) and one CSV file per collection.</p>\n");

        Section(html, "Birth profiles", data.ItemsOf(BotDataModel.Profiles.Name), ["label", "name", "birth_date", "birth_time", "place_name", "time_zone", "latitude", "longitude"]);
        Section(html, "Preferences", data.ItemsOf(BotDataModel.Preferences.Name), ["delivery_time", "zodiac_system", "house_system", "language"]);
        Section(html, "Subscriptions", data.ItemsOf(BotDataModel.Subscriptions.Name), ["plan", "status", "started_at", "renews_at", "ended_at"]);
        Section(html, "Readings", [.. data.ItemsOf(BotDataModel.Readings.Name).OrderByDescending(item => Text(item, "created_at"), StringComparer.Ordinal)], ["created_at", "kind", "profile_id", "text"]);
        Section(html, "Conversation history", [.. data.ItemsOf(BotDataModel.Messages.Name).OrderBy(item => Text(item, "at"), StringComparer.Ordinal)], ["at", "direction", "text", "conversation_id"]);
        Section(html, "Consents", account?["consents"] is JsonArray consents ? [.. consents.OfType<JsonObject>()] : [], ["purpose", "granted", "at"]);
        Section(html, "Export history", data.Audit, ["at", "event", "channel"]);
        Section(html, "Your WhatsApp identifiers", data.Identifiers, ["kind", "value", "since", "retired_at"]);
        html.Append("</body></html>\n");
        return Encoding.UTF8.GetBytes(html.ToString());
    }

    private static void Section(StringBuilder html, string title, IReadOnlyList<JsonObject> items, string[] columns)
    {
        html.Append("<h2>").Append(Encode(title)).Append("</h2>\n");
        if (items.Count == 0)
        {
            html.Append("<p>None.</p>\n");
            return;
        }

        html.Append("<table><tr>");
        foreach (var column in columns)
        {
            html.Append("<th>").Append(Encode(column.Replace('_', ' '))).Append("</th>");
        }

        html.Append("</tr>\n");
        foreach (var item in items)
        {
            html.Append("<tr>");
            foreach (var column in columns)
            {
                html.Append("<td>").Append(Encode(item[column]?.ToString() ?? string.Empty)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    private static string? Text(JsonObject? item, string property) => item?[property]?.ToString();

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}

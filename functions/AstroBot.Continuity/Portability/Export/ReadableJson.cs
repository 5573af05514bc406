using System.Text.Encodings.Web;
using System.Text.Json;

namespace AstroBot.Continuity.Portability.Export;

/// <summary>
/// JSON as people read it: "+" in a time offset and letters like "é" stay as they are instead of \u escapes. The
/// files are data for download, never embedded in HTML, where the default escaping would matter.
/// </summary>
internal static class ReadableJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

using System.Globalization;
using System.Text;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>
/// Turns a wamid or wa_id into a table key. Table keys may not hold <c>/ \ # ?</c> or control characters, and
/// wamids are Base64-like (they can hold <c>/</c>), so those characters and <c>%</c> itself are percent-escaped:
/// the mapping is one-to-one, so two ids never share a row.
/// </summary>
internal static class LedgerKey
{
    public static string Escape(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (!id.Any(NeedsEscape))
        {
            return id;
        }

        var key = new StringBuilder(id.Length + 8);
        foreach (var c in id)
        {
            if (NeedsEscape(c))
            {
                key.Append(CultureInfo.InvariantCulture, $"%{(int)c:X2}");
            }
            else
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }

    private static bool NeedsEscape(char c) => c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c);
}

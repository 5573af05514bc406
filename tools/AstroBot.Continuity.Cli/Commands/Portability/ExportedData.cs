using AstroBot.Continuity.Data;
using AstroBot.Continuity.Portability.Export;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>What an export holds, as the commands report it: items per container (in the bot's order) and the audit trail.</summary>
internal static class ExportedData
{
    /// <summary>Every container of the bot's data, zero included, so the shape never depends on the user.</summary>
    public static Dictionary<string, int> ItemsPerContainer(UserData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return BotDataModel.Containers.ToDictionary(container => container.Name, container => data.ItemsOf(container.Name).Count, StringComparer.Ordinal);
    }

    /// <summary>Nothing in any container and no audit trail: nothing is stored about that user here.</summary>
    public static bool IsEmpty(UserData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.ItemCount == 0 && data.Audit.Count == 0;
    }
}

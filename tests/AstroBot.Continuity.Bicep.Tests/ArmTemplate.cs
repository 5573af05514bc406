using System.Text.Json.Nodes;

namespace AstroBot.Continuity.Bicep.Tests;

/// <summary>
/// A compiled ARM template, with the resources of its nested deployments (Bicep modules) flattened,
/// each one next to the template that declares it (for that template's variables).
/// </summary>
public sealed class ArmTemplate
{
    private ArmTemplate(JsonObject root, IReadOnlyList<DeclaredResource> resources)
    {
        Root = root;
        Resources = resources;
    }

    public JsonObject Root { get; }

    public IReadOnlyList<DeclaredResource> Resources { get; }

    /// <summary>The JSON text, for checks that nothing anywhere mentions a forbidden construct.</summary>
    public string Text => Root.ToJsonString();

    public static ArmTemplate Parse(string json)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new FormatException("Not a JSON object.");
        var resources = new List<DeclaredResource>();
        Collect(root, resources);
        return new ArmTemplate(root, resources);
    }

    public IReadOnlyList<DeclaredResource> OfType(string type) =>
        Resources.Where(resource => string.Equals(resource.Type, type, StringComparison.OrdinalIgnoreCase)).ToList();

    public DeclaredResource Single(string type)
    {
        var matches = OfType(type);
        Assert.True(matches.Count == 1, $"Expected one {type}, found {matches.Count}.");
        return matches[0];
    }

    /// <summary>Every template: the root and each nested deployment's.</summary>
    public IEnumerable<JsonObject> Templates() =>
        Resources.Select(resource => resource.Template).Prepend(Root).Distinct();

    private static void Collect(JsonObject template, List<DeclaredResource> into)
    {
        foreach (var resource in ResourcesOf(template))
        {
            into.Add(new DeclaredResource(resource, template));
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                Collect(nested, into);
            }
        }
    }

    // Templates use an array of resources, or an object keyed by symbolic name (languageVersion 2.0).
    private static IEnumerable<JsonObject> ResourcesOf(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject byName => byName.Select(pair => pair.Value).OfType<JsonObject>(),
        _ => [],
    };
}

/// <summary>One resource and the template (root or module) that declares it.</summary>
public sealed record DeclaredResource(JsonObject Json, JsonObject Template)
{
    public string Type => (string?)Json["type"] ?? "";

    public JsonNode? Properties => Json["properties"];

    public JsonObject Variables => Template["variables"]?.AsObject() ?? [];
}

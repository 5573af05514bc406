using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AstroBot.Continuity.Bicep.Tests;

/// <summary>
/// A compiled ARM template, with the resources of its nested deployments (Bicep modules) flattened,
/// each one next to the template that declares it (for that template's variables) and the name of that module.
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
        Collect(root, "", resources);
        return new ArmTemplate(root, resources);
    }

    public IReadOnlyList<DeclaredResource> OfType(string type) =>
        Resources.Where(resource => string.Equals(resource.Type, type, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The resources of a type that one module (its deployment name in main.bicep) declares.</summary>
    public IReadOnlyList<DeclaredResource> OfType(string type, string module) =>
        OfType(type).Where(resource => resource.Module == module).ToList();

    public DeclaredResource Single(string type)
    {
        var matches = OfType(type);
        Assert.True(matches.Count == 1, $"Expected one {type}, found {matches.Count}.");
        return matches[0];
    }

    /// <summary>The one resource of a type that a module declares, where several modules declare that type.</summary>
    public DeclaredResource Single(string type, string module)
    {
        var matches = OfType(type, module);
        Assert.True(matches.Count == 1, $"Expected one {type} in module '{module}', found {matches.Count}.");
        return matches[0];
    }

    /// <summary>The nested deployment main.bicep runs for a module, by its deployment name (its parameters are the module's inputs).</summary>
    public DeclaredResource Deployment(string module)
    {
        var matches = OfType("Microsoft.Resources/deployments")
            .Where(deployment => (string?)deployment.Json["name"] == module)
            .ToList();
        Assert.True(matches.Count == 1, $"Expected one deployment named '{module}', found {matches.Count}.");
        return matches[0];
    }

    /// <summary>Every template: the root and each nested deployment's.</summary>
    public IEnumerable<JsonObject> Templates() =>
        Resources.Select(resource => resource.Template).Prepend(Root).Distinct();

    private static void Collect(JsonObject template, string module, List<DeclaredResource> into)
    {
        foreach (var resource in ResourcesOf(template))
        {
            into.Add(new DeclaredResource(resource, template, module));
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                Collect(nested, (string?)resource["name"] ?? "", into);
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

/// <summary>
/// One resource, the template (root or module) that declares it, and that module's deployment name
/// (empty for main.bicep's own resources).
/// </summary>
public sealed partial record DeclaredResource(JsonObject Json, JsonObject Template, string Module)
{
    public string Type => (string?)Json["type"] ?? "";

    public JsonNode? Properties => Json["properties"];

    public JsonObject Variables => Template["variables"]?.AsObject() ?? [];

    public JsonObject Parameters => Template["parameters"]?.AsObject() ?? [];

    /// <summary>
    /// The text a string property will have, for the one expression shape the templates use to build text:
    /// a literal, or [format(first, args...)] whose arguments are string or integer literals, variables('name')
    /// (string or integer variables) or parameters('name') (their default values). Anything else fails the test.
    /// </summary>
    public string Render(JsonNode? value)
    {
        var text = (string?)value ?? throw new InvalidOperationException("Not a string value.");
        if (!text.StartsWith('[') || text.StartsWith("[[", StringComparison.Ordinal))
        {
            return text;
        }

        var call = FormatCall().Match(text);
        Assert.True(call.Success, $"Not a format() of literals, variables and parameters: {text}");
        var source = call.Groups["arguments"].Value;
        var arguments = new List<string>();
        var end = 0;
        for (var match = Argument().Match(source); match.Success; match = match.NextMatch())
        {
            arguments.Add(Resolve(match));
            end = match.Index + match.Length;
        }

        Assert.True(arguments.Count > 0 && end == source.Length, $"An argument is not a literal, variable or parameter: {text}");
        return string.Format(CultureInfo.InvariantCulture, arguments[0], [.. arguments.Skip(1)]);
    }

    private string Resolve(Match argument)
    {
        var name = argument.Groups["name"].Value;
        return argument.Groups["function"].Value switch
        {
            "variables" => Scalar(Variables[name], $"variable '{name}'"),
            "parameters" => Scalar(Parameters[name]?["defaultValue"], $"default of parameter '{name}'"),
            _ when argument.Groups["string"].Success => argument.Groups["string"].Value.Replace("''", "'", StringComparison.Ordinal),
            _ => argument.Groups["integer"].Value,
        };
    }

    private static string Scalar(JsonNode? node, string what) => node is JsonValue value
        ? value.ToString()
        : throw new InvalidOperationException($"The {what} is not a string or a number.");

    [GeneratedRegex(@"^\[format\((?<arguments>.*)\)\]$", RegexOptions.Singleline)]
    private static partial Regex FormatCall();

    // One argument at a time, each followed by a comma or the end; \G makes an unrecognised argument stop the match.
    [GeneratedRegex(@"\G\s*(?:(?<function>variables|parameters)\('(?<name>[^']*)'\)|'(?<string>(?:[^']|'')*)'|(?<integer>-?\d+))\s*(?:,|\z)", RegexOptions.Singleline)]
    private static partial Regex Argument();
}

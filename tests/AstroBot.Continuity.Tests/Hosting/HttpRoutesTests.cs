using System.Reflection;
using AstroBot.Continuity.Hosting;

namespace AstroBot.Continuity.Tests.Hosting;

public sealed class HttpRoutesTests
{
    public static TheoryData<string> Routes()
    {
        var routes = new TheoryData<string>();
        foreach (var field in typeof(HttpRoutes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(field => field.Name != nameof(HttpRoutes.Prefix)))
        {
            routes.Add((string)field.GetRawConstantValue()!);
        }

        return routes;
    }

    // The Functions host refuses to index a function whose route starts with "admin" (its management API; "The specified
    // route conflicts with one or more built in routes"), whatever the route prefix, and keeps "runtime" for extensions.
    [Theory]
    [MemberData(nameof(Routes))]
    public void Route_DoesNotStartWithAPrefixTheFunctionsHostReserves(string route)
    {
        Assert.False(route.StartsWith("admin", StringComparison.OrdinalIgnoreCase), route);
        Assert.False(route.StartsWith("runtime", StringComparison.OrdinalIgnoreCase), route);
        Assert.False(route.StartsWith('/'), route);
    }
}

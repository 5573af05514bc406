using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AstroBot.Continuity.Functions;

/// <summary>
/// The core's handlers answer with minimal-API <see cref="IResult"/>s (the local host's Kestrel speaks them
/// natively); under the Functions ASP.NET Core integration the result is written to the real response and the
/// function returns an empty action result.
/// </summary>
internal static class HttpResults
{
    public static async Task<IActionResult> WriteAsync(IResult result, HttpContext context)
    {
        await result.ExecuteAsync(context).ConfigureAwait(false);
        return new EmptyResult();
    }
}

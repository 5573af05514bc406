using System.ComponentModel.DataAnnotations;

namespace AstroBot.Continuity.Local.FrontDoor;

/// <summary>
/// The local front door, Azure Front Door's twin (configuration section <c>LocalFrontDoor</c>). The probe settings
/// mirror the origin group in <c>bicep/modules/frontDoor.bicep</c> (docs/availability.md, "Front Door: probe settings
/// and failover time"): the same rules, with an interval scaled down from 30 s so a failover can be watched locally.
/// </summary>
public sealed class LocalFrontDoorOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "LocalFrontDoor";

    /// <summary>
    /// Where the front door listens. Default <c>http://127.0.0.1:7071</c>, the port people, <c>continuity chat</c> and
    /// the README already use, so they talk to the regions through it.
    /// </summary>
    [Required(ErrorMessage = "LocalFrontDoor:Listen is required")]
    public string Listen { get; set; } = "http://127.0.0.1:7071";

    /// <summary>
    /// The regions' base URLs (<c>http://127.0.0.1:7073</c>), in priority order: the first is priority 1, the primary,
    /// the second priority 2, and so on (Front Door's priorities, active-passive). No default: at least one.
    /// </summary>
    public IList<string> Origins { get; set; } = [];

    /// <summary>The path each origin is probed on with GET; only a 200 counts as a success. Default <c>/api/health/ready</c>, as in Azure.</summary>
    [Required(ErrorMessage = "LocalFrontDoor:ProbePath is required")]
    [RegularExpression("^/.*", ErrorMessage = "LocalFrontDoor:ProbePath must start with /")]
    public string ProbePath { get; set; } = "/api/health/ready";

    /// <summary>How often every origin is probed. Default 2 seconds (Azure: <c>probeIntervalInSeconds</c> 30).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00", ErrorMessage = "LocalFrontDoor:ProbeInterval must be between 50 ms and 5 minutes")]
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a probe may take before it counts as failed. Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ErrorMessage = "LocalFrontDoor:ProbeTimeout must be between 50 ms and 1 minute")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many of the latest probes an origin in service is judged on. Default 4 (Azure: <c>sampleSize</c> 4).</summary>
    [Range(1, 100, ErrorMessage = "LocalFrontDoor:SampleSize must be between 1 and 100")]
    public int SampleSize { get; set; } = 4;

    /// <summary>
    /// An origin in service is taken out when this many of its last <see cref="SampleSize"/> probes failed. Default 2
    /// (Azure: <c>successfulSamplesRequired</c> 3 of 4, so the 2nd failure of 4 takes it out).
    /// </summary>
    [Range(1, 100, ErrorMessage = "LocalFrontDoor:UnhealthyAfterFailures must be between 1 and 100")]
    public int UnhealthyAfterFailures { get; set; } = 2;

    /// <summary>
    /// An unhealthy origin is healthy again after this many successful probes in a row. Default 3 (Azure: 3 of the
    /// last 4 must succeed, which after a run of failures is the 3rd success in a row).
    /// </summary>
    [Range(1, 100, ErrorMessage = "LocalFrontDoor:HealthyAfterSuccesses must be between 1 and 100")]
    public int HealthyAfterSuccesses { get; set; } = 3;

    /// <summary>
    /// How long an origin that was in service, went unhealthy and is healthy again must stay healthy (every probe a
    /// success) before it takes traffic back from an origin of lower priority; a failed probe meanwhile makes it
    /// unhealthy again. So a flapping primary never takes traffic back sooner than this. Zero: back at once. Default
    /// 10 seconds (Azure Front Door has no such hold-down beyond its samples).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "LocalFrontDoor:RestorationDelay must be between 0 and 1 hour")]
    public TimeSpan RestorationDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The <c>Retry-After</c> of the 503 answered while no origin is healthy, in whole seconds. Default 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "LocalFrontDoor:RetryAfter must be between 1 second and 1 hour")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the front door waits for an origin's answer before it answers 504. Default 30 seconds, Azure Front
    /// Door's origin response timeout (the profile's <c>originResponseTimeoutSeconds</c>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "LocalFrontDoor:OriginResponseTimeout must be between 1 second and 5 minutes")]
    public TimeSpan OriginResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsHttpUrl(Listen))
        {
            yield return new ValidationResult($"LocalFrontDoor:Listen must be an absolute http(s) URL, such as http://127.0.0.1:7071, not '{Listen}'", [nameof(Listen)]);
        }

        if (Origins.Count == 0)
        {
            yield return new ValidationResult("LocalFrontDoor:Origins needs at least one origin (--origin URL), the primary first", [nameof(Origins)]);
        }

        foreach (var origin in Origins.Where(origin => !IsHttpUrl(origin)))
        {
            yield return new ValidationResult($"LocalFrontDoor:Origins takes absolute http(s) URLs, such as http://127.0.0.1:7073, not '{origin}'", [nameof(Origins)]);
        }

        foreach (var twice in Origins.Where(IsHttpUrl).GroupBy(origin => new Uri(origin).AbsoluteUri.TrimEnd('/'), StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1))
        {
            yield return new ValidationResult($"LocalFrontDoor:Origins names {twice.Key} twice: each region is one origin", [nameof(Origins)]);
        }

        if (UnhealthyAfterFailures > SampleSize)
        {
            yield return new ValidationResult(
                $"LocalFrontDoor:UnhealthyAfterFailures ({UnhealthyAfterFailures}) cannot be more than LocalFrontDoor:SampleSize ({SampleSize}): an origin would never be taken out",
                [nameof(UnhealthyAfterFailures)]);
        }
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}

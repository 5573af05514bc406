using AstroBot.Continuity.Local.FrontDoor;

namespace AstroBot.Continuity.Local.Tests.FrontDoor;

public class OriginHealthTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    // Azure's settings (4 samples, 3 successes required) with the local restoration delay.
    private static LocalFrontDoorOptions Options(TimeSpan? restorationDelay = null) => new()
    {
        SampleSize = 4,
        UnhealthyAfterFailures = 2,
        HealthyAfterSuccesses = 3,
        RestorationDelay = restorationDelay ?? TimeSpan.FromSeconds(10),
    };

    [Fact]
    public void Observe_FirstProbeSucceeds_InService()
    {
        var sut = new OriginHealth(Options());

        Assert.Equal(OriginState.InService, sut.Observe(true, Start));
    }

    [Fact]
    public void Observe_FirstProbeFails_UnhealthyAtOnce()
    {
        var sut = new OriginHealth(Options());

        Assert.Equal(OriginState.Unhealthy, sut.Observe(false, Start));
    }

    [Fact]
    public void Observe_OneFailureInTheLastFour_StaysInService()
    {
        var sut = new OriginHealth(Options());

        var states = Probe(sut, "SSFSSS");

        Assert.All(states, state => Assert.Equal(OriginState.InService, state));
    }

    [Theory]
    [InlineData("SFF", 2)]
    [InlineData("SFSF", 3)]
    [InlineData("SFSSF", 4)]
    public void Observe_TwoFailuresInTheLastFour_TakesItOutAtTheSecond(string probes, int takenOutAt)
    {
        var sut = new OriginHealth(Options());

        var states = Probe(sut, probes);

        Assert.Equal(takenOutAt, states.IndexOf(OriginState.Unhealthy));
        Assert.All(states.Take(takenOutAt), state => Assert.Equal(OriginState.InService, state));
    }

    [Fact]
    public void Observe_FailuresFurtherApartThanTheSample_NeverTakeItOut()
    {
        var sut = new OriginHealth(Options());

        var states = Probe(sut, "SFSSSFSSSFSSS");

        Assert.DoesNotContain(OriginState.Unhealthy, states);
    }

    [Fact]
    public void Observe_ThreeSuccessesAfterBeingTakenOut_RestoresThenServesOnlyAfterTheDelay()
    {
        var sut = new OriginHealth(Options(TimeSpan.FromSeconds(10)));
        Probe(sut, "SFF");

        // 2 s apart: the 3rd success in a row at 10 s starts the delay, which ends at 20 s.
        var states = Probe(sut, "SSSSSSSS", from: Start + TimeSpan.FromSeconds(6));

        Assert.Equal(
            [OriginState.Unhealthy, OriginState.Unhealthy, OriginState.Restoring, OriginState.Restoring, OriginState.Restoring,
             OriginState.Restoring, OriginState.Restoring, OriginState.InService],
            states);
    }

    [Fact]
    public void Observe_FailureWhileRestoring_UnhealthyAgainAndTheDelayStartsOver()
    {
        var sut = new OriginHealth(Options(TimeSpan.FromSeconds(10)));
        Probe(sut, "SFFSSS");
        Assert.Equal(OriginState.Restoring, sut.State);

        var states = Probe(sut, "FSSS", from: Start + TimeSpan.FromSeconds(12));

        Assert.Equal([OriginState.Unhealthy, OriginState.Unhealthy, OriginState.Unhealthy, OriginState.Restoring], states);
    }

    [Theory]
    [InlineData("SF")]      // faster than the samples can see
    [InlineData("SSSF")]    // healthy long enough to restore, never long enough to serve
    [InlineData("SSSSSF")]  // 10 s healthy, 2 s down: the restoration delay is measured from the 3rd success
    public void Observe_FlappingFasterThanTheDelay_NeverServesAgain(string cycle)
    {
        var sut = new OriginHealth(Options(TimeSpan.FromSeconds(10)));
        Probe(sut, "SFF");

        var states = Probe(sut, string.Concat(Enumerable.Repeat(cycle, 50)), from: Start + TimeSpan.FromSeconds(6));

        Assert.DoesNotContain(OriginState.InService, states);
    }

    [Fact]
    public void Observe_AnyFlapping_NeverServesSoonerThanTheDelayAfterBeingTakenOut()
    {
        var delay = TimeSpan.FromSeconds(10);
        var sut = new OriginHealth(Options(delay));
        var random = new Random(22);
        var at = Start;
        DateTimeOffset? takenOut = null;
        var returns = 0;

        for (var probe = 0; probe < 5_000; probe++, at += Interval)
        {
            var before = sut.State;
            var after = sut.Observe(random.Next(4) != 0, at);
            if (after == OriginState.Unhealthy && before != OriginState.Unhealthy)
            {
                takenOut = at;
            }
            else if (after == OriginState.InService && before != OriginState.InService && takenOut is { } since)
            {
                Assert.True(at - since >= delay, $"back in service {at - since} after being taken out");
                returns++;
            }
        }

        Assert.True(returns > 0, "the random pattern never let the origin back: the test proves nothing");
    }

    [Fact]
    public void Observe_OriginThatNeverServed_ComesIntoServiceWithoutTheDelay()
    {
        var sut = new OriginHealth(Options(TimeSpan.FromMinutes(5)));

        var states = Probe(sut, "FSSS");

        Assert.Equal([OriginState.Unhealthy, OriginState.Unhealthy, OriginState.Unhealthy, OriginState.InService], states);
    }

    [Fact]
    public void Observe_NoRestorationDelay_ServesAtTheThirdSuccess()
    {
        var sut = new OriginHealth(Options(TimeSpan.Zero));

        var states = Probe(sut, "SFFSSS");

        Assert.Equal(OriginState.InService, states[^1]);
        Assert.Equal(OriginState.Unhealthy, states[^2]);
    }

    [Fact]
    public void Observe_BackInService_FailuresFromBeforeAreForgotten()
    {
        var options = Options(TimeSpan.Zero);
        options.HealthyAfterSuccesses = 1;
        var sut = new OriginHealth(options);
        Probe(sut, "SFFS");
        Assert.Equal(OriginState.InService, sut.State);

        // One failure right after coming back: with the two from before it came back, it would be three of the last four.
        var states = Probe(sut, "FSS", from: Start + TimeSpan.FromSeconds(8));

        Assert.All(states, state => Assert.Equal(OriginState.InService, state));
    }

    private static List<OriginState> Probe(OriginHealth sut, string outcomes, DateTimeOffset? from = null)
    {
        var at = from ?? Start;
        var states = new List<OriginState>();
        foreach (var outcome in outcomes)
        {
            states.Add(sut.Observe(outcome == 'S', at));
            at += Interval;
        }

        return states;
    }
}

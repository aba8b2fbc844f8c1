using AIMass.Grains.Studies;
using Bunit;
using MudBlazor.Services;

namespace AIMass.Web.Tests.Components.Charts;

/// <summary>Trials for chart tests, and a bUnit context with what the portal's components need.</summary>
public static class ChartTestData
{
    public static TrialSummary Complete(int number, double value, Dictionary<string, string>? parameters = null, long? parameterCount = null,
        double? latencyMs = null, double[]? curve = null, TrialKind kind = TrialKind.Search) => new()
    {
        Number = number,
        Status = TrialStatus.Complete,
        Kind = kind,
        Value = value,
        Params = parameters ?? [],
        ParameterCount = parameterCount,
        LatencyMs = latencyMs,
        IntermediateValues = curve ?? [],
    };

    public static TrialSummary With(int number, TrialStatus status, double[]? curve = null) => new()
    {
        Number = number,
        Status = status,
        IntermediateValues = curve ?? [],
    };

    public static BunitContext Context()
    {
        var context = new BunitContext();
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        return context;
    }

    public static double Attr(AngleSharp.Dom.IElement element, string name) =>
        double.Parse(element.GetAttribute(name)!, System.Globalization.CultureInfo.InvariantCulture);
}

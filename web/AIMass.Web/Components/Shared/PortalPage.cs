using AIMass.Grains;
using AIMass.Web.Services;
using Microsoft.AspNetCore.Components;

namespace AIMass.Web.Components.Shared;

/// <summary>
/// Base of the portal's pages: the session, and an error slot that a failed call fills (the page shows it
/// where the action happened) instead of tearing down the circuit.
/// </summary>
public abstract class PortalPage : ComponentBase
{
    [Inject] protected PortalSession Session { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>The last error, in words.</summary>
    protected string? Error { get; set; }

    /// <summary>The last error's precise rows, columns or fields.</summary>
    protected IReadOnlyList<FieldError>? ErrorDetails { get; set; }

    protected void ClearError()
    {
        Error = null;
        ErrorDetails = null;
    }

    /// <summary>Runs an action; a refusal from the service (or a lost cluster) becomes the page's error. Returns whether it succeeded.</summary>
    protected async Task<bool> TryAsync(Func<Task> action)
    {
        try
        {
            await action();
            ClearError();
            return true;
        }
        catch (ServiceException e)
        {
            Error = e.Message;
            ErrorDetails = e.Errors;
        }
        catch (Exception e) when (e is TimeoutException or Orleans.Runtime.OrleansException)
        {
            Error = "The service did not answer in time; try again shortly.";
            ErrorDetails = null;
        }
        return false;
    }
}

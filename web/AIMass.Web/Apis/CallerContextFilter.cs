using AIMass.Grains.Security;
using AIMass.Web.Security;

namespace AIMass.Web.Apis;

/// <summary>Runs an API handler with the authenticated caller set on every grain call it makes.</summary>
public sealed class CallerContextFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        using (CallerContext.Use(context.HttpContext.User.ToCaller()))
        {
            return await next(context);
        }
    }
}

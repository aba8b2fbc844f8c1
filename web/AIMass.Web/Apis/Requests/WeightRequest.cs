namespace AIMass.Web.Apis.Requests;

/// <summary>Body of <c>PUT /api/tenants/{id}/weight</c>: the fair-share weight.</summary>
public sealed record WeightRequest(double Weight);

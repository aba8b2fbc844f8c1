namespace AIMass.Web.Apis.Requests;

/// <summary>Body of <c>POST /api/tenants/{id}/keys</c>: a label to recognise the key by.</summary>
public sealed record CreateKeyRequest(string? Label);

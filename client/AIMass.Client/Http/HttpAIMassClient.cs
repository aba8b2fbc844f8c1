using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AIMass.Client.Errors;
using AIMass.Client.Json;
using AIMass.Client.Studies;
using AIMass.Grains.Studies;

namespace AIMass.Client.Http;

/// <summary>
/// <see cref="IAIMassClient"/> over the HTTP API (<c>/api</c>, see the API contract), authenticated by
/// <see cref="AIMassClientOptions.ApiKey"/> as a bearer token. Refusals come back as the same
/// <see cref="AIMass.Grains.ServiceException"/> the grains throw, rebuilt from the problem details.
/// </summary>
public sealed partial class HttpAIMassClient : IAIMassClient
{
    private readonly HttpClient _http;
    private readonly AIMassClientOptions _options;
    private readonly Uri _api;

    /// <summary>Uses <paramref name="http"/> as given (its handler, its lifetime); the address and key come from <paramref name="options"/>.</summary>
    public HttpAIMassClient(HttpClient http, AIMassClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        if (options.Transport != AIMassTransport.Http) throw new ArgumentException("The options select the grain transport; HttpAIMassClient needs Transport = Http.", nameof(options));
        _http = http;
        _options = options;
        var root = options.BaseAddress!.AbsoluteUri.EndsWith('/') ? options.BaseAddress : new Uri(options.BaseAddress.AbsoluteUri + "/");
        _api = new Uri(root, "api/");
    }

    public Task<StudyInfo> WaitForCompletionAsync(string studyId, IProgress<StudyProgress>? progress = null, CancellationToken ct = default) =>
        StudyPolling.WaitAsync(
            c => GetStudyAsync(studyId, c),
            c => GetTrialsAsync(studyId, c),
            IsTransient,
            progress,
            _options.PollInterval,
            _options.MaxTransientFailures,
            ct);

    /// <summary>Failures worth retrying while polling: no connection, a timeout, a 5xx answer.</summary>
    public static bool IsTransient(Exception e) => e is HttpRequestException or TimeoutException
        || e is AIMassServerException { StatusCode: null or >= HttpStatusCode.InternalServerError };

    private Task<T> GetAsync<T>(string path, CancellationToken ct) => SendAsync<T>(HttpMethod.Get, path, null, ct);

    private Task<T> PostAsync<T>(string path, object? body, CancellationToken ct) =>
        SendAsync<T>(HttpMethod.Post, path, body is null ? null : JsonContent.Create(body, body.GetType(), options: AIMassJson.Options), ct);

    private Task<T> PutAsync<T>(string path, object body, CancellationToken ct) =>
        SendAsync<T>(HttpMethod.Put, path, JsonContent.Create(body, body.GetType(), options: AIMassJson.Options), ct);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var response = await SendRawAsync(method, path, content, ct).ConfigureAwait(false);
        return await ReadAsync<T>(response, method, path, ct).ConfigureAwait(false);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpMethod method, string path, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(AIMassJson.Options, ct).ConfigureAwait(false)
                ?? throw new AIMassServerException($"{method} {path} answered an empty body.", response.StatusCode);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new AIMassServerException($"{method} {path} answered a body that is not the expected {typeof(T).Name}: {e.Message}", response.StatusCode, e);
        }
    }

    /// <summary>Sends a request and returns a successful response (the caller disposes it); refusals are thrown.</summary>
    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_api, path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey!.Trim());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept ?? "application/json"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{method} {path} got no answer within {_options.RequestTimeout.TotalSeconds:0.#} s.", e);
        }
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            throw await ProblemDetailsReader.ReadAsync(response, ct).ConfigureAwait(false);
        }
    }

    private async Task SendNoContentAsync(HttpMethod method, string path, CancellationToken ct)
    {
        using var response = await SendRawAsync(method, path, null, ct).ConfigureAwait(false);
    }

    private static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return Uri.EscapeDataString(value);
    }
}

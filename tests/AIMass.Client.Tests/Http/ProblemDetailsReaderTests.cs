using System.Net;
using System.Text;
using AIMass.Client.Errors;
using AIMass.Client.Http;
using AIMass.Grains;

namespace AIMass.Client.Tests.Http;

public sealed class ProblemDetailsReaderTests
{
    [Theory]
    [InlineData(HttpStatusCode.BadRequest, ServiceErrorKind.Invalid)]
    [InlineData(HttpStatusCode.Unauthorized, ServiceErrorKind.Unauthenticated)]
    [InlineData(HttpStatusCode.Forbidden, ServiceErrorKind.Forbidden)]
    [InlineData(HttpStatusCode.NotFound, ServiceErrorKind.NotFound)]
    [InlineData(HttpStatusCode.Conflict, ServiceErrorKind.Conflict)]
    [InlineData(HttpStatusCode.TooManyRequests, ServiceErrorKind.QuotaExceeded)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, ServiceErrorKind.TooLarge)]
    public async Task Problem_details_become_the_service_exception_of_the_status(HttpStatusCode status, ServiceErrorKind kind)
    {
        var body = """{"type":"about:blank","title":"Bad","status":400,"detail":"Row 3 is ragged.","errors":[{"row":3,"column":"b","message":"missing"},{"row":null,"column":"target","message":"absent"}]}""";
        var error = Assert.IsType<ServiceException>(await ProblemDetailsReader.ReadAsync(Response(status, body, "application/problem+json"), default));
        Assert.Equal(kind, error.Kind);
        Assert.Equal("Row 3 is ragged.", error.Message);
        Assert.Equal([new FieldError(3, "b", "missing"), new FieldError(null, "target", "absent")], error.Errors);
    }

    [Fact]
    public async Task The_aspnet_validation_shape_is_read_too()
    {
        var body = """{"title":"One or more validation errors occurred.","status":400,"errors":{"weight":["must be positive"]}}""";
        var error = Assert.IsType<ServiceException>(await ProblemDetailsReader.ReadAsync(Response(HttpStatusCode.BadRequest, body, "application/problem+json"), default));
        Assert.Equal("One or more validation errors occurred.", error.Message);
        Assert.Equal(new FieldError(null, "weight", "must be positive"), Assert.Single(error.Errors));
    }

    [Fact]
    public async Task Server_failures_and_bodies_that_are_not_problems_become_server_exceptions()
    {
        var failure = Assert.IsType<AIMassServerException>(await ProblemDetailsReader.ReadAsync(Response(HttpStatusCode.InternalServerError, "<html>oops</html>", "text/html"), default));
        Assert.Equal(HttpStatusCode.InternalServerError, failure.StatusCode);
        Assert.Contains("GET /api/studies", failure.Message);
        var notFound = Assert.IsType<ServiceException>(await ProblemDetailsReader.ReadAsync(Response(HttpStatusCode.NotFound, "", "text/plain"), default));
        Assert.Contains("404", notFound.Message);
    }

    private static HttpResponseMessage Response(HttpStatusCode status, string body, string mediaType) => new(status)
    {
        Content = new StringContent(body, Encoding.UTF8, mediaType),
        RequestMessage = new HttpRequestMessage(HttpMethod.Get, "http://localhost/api/studies"),
    };
}

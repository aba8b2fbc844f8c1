using System.Text.Json;
using AIMass.Grains;
using AIMass.Web.Errors;
using Microsoft.AspNetCore.Http;

namespace AIMass.Web.Tests.Errors;

public sealed class ProblemsTests
{
    [Theory]
    [InlineData(ServiceErrorKind.Invalid, 400)]
    [InlineData(ServiceErrorKind.Unauthenticated, 401)]
    [InlineData(ServiceErrorKind.Forbidden, 403)]
    [InlineData(ServiceErrorKind.NotFound, 404)]
    [InlineData(ServiceErrorKind.Conflict, 409)]
    [InlineData(ServiceErrorKind.QuotaExceeded, 429)]
    [InlineData(ServiceErrorKind.TooLarge, 413)]
    public void Each_service_error_kind_has_its_status(ServiceErrorKind kind, int status) => Assert.Equal(status, Problems.StatusOf(kind));

    [Fact]
    public void A_service_exception_becomes_a_problem_with_its_precise_errors()
    {
        var problem = Problems.From(ServiceException.Invalid("Bad rows", [new FieldError(3, "petal_width", "'x' is not a number")]));
        Assert.Equal(400, problem.Status);
        Assert.Equal("Bad rows", problem.Detail);
        var error = Assert.Single((ProblemError[])problem.Extensions["errors"]!);
        Assert.Equal(new ProblemError(3, "petal_width", "'x' is not a number"), error);
    }

    [Fact]
    public void An_unreadable_json_body_names_the_field_from_the_json_path()
    {
        var json = new JsonException("The JSON value could not be converted to System.Int32. Path: $.budget.maxTrials | LineNumber: 0", "$.budget.maxTrials", 0, 30);
        var problem = Problems.FromBadRequest(new BadHttpRequestException("Failed to read parameter", json));
        var error = Assert.Single((ProblemError[])problem.Extensions["errors"]!);
        Assert.Equal("budget.maxTrials", error.Column);
        Assert.DoesNotContain("LineNumber", problem.Detail);
    }

    [Fact]
    public void A_bad_request_keeps_its_own_status()
    {
        var problem = Problems.FromBadRequest(new BadHttpRequestException("too big", StatusCodes.Status413PayloadTooLarge));
        Assert.Equal(413, problem.Status);
        Assert.Equal("The request is too large", problem.Title);
    }

    [Theory]
    [InlineData(null, "body")]
    [InlineData("$", "body")]
    [InlineData("$.target", "target")]
    [InlineData("$.scenarios[1].name", "scenarios[1].name")]
    public void Json_paths_become_field_names(string? path, string field) => Assert.Equal(field, Problems.JsonPathToField(path));
}

namespace AIMass.Web.Errors;

/// <summary>One entry of a problem's <c>errors</c>: the row and column (or field) and what is wrong there.</summary>
public sealed record ProblemError(int? Row, string? Column, string Message);

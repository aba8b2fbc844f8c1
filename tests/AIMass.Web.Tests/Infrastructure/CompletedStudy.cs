using AIMass.Grains.Studies;

namespace AIMass.Web.Tests.Infrastructure;

/// <summary>A finished study of the shared host: the owner's key, the id and its final state.</summary>
public sealed record CompletedStudy(string Key, string StudyId, StudyInfo Info);

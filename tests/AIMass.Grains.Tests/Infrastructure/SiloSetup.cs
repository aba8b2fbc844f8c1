namespace AIMass.Grains.Tests.Infrastructure;

/// <summary>How one test silo is set up: its devices (<c>cpu</c>, <c>none</c>, or a fake <c>cuda:0</c>).</summary>
public sealed record SiloSetup(string Devices, int CpuSlots = 2);

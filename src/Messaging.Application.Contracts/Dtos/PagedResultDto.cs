namespace Messaging.Dtos;

/// <summary>One page of a list and how many items the whole list holds.</summary>
public sealed record PagedResultDto<T>(long TotalCount, IReadOnlyList<T> Items);

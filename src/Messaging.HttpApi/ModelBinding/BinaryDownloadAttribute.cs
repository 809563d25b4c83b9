namespace Messaging.ModelBinding;

/// <summary>The action answers 200 with the bytes of a file as <c>application/octet-stream</c>; the OpenAPI document says so from this attribute.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BinaryDownloadAttribute : Attribute;

using Messaging.TestSupport;

namespace Messaging.Contract;

/// <summary>
/// A host of their own for the contract tests: they drive every operation, runtime settings and circuits included, and
/// what they leave must not meet the tests of the shared host.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ContractHostCollection : ICollectionFixture<SharedHost>
{
    public const string Name = "contract host";
}

// In a shared folder's namespace on purpose: the guard of ModuleBoundaryTests.SharedFolders_NeverDependOnAModule.
namespace Messaging.ArchitectureTests.EventBus;

/// <summary>A shared mechanism that knows a module: what the shared-folder rule exists to refuse.</summary>
public sealed class SharedMechanismKnowingAModule
{
    public Messaging.Messages.MessageChannel Channel { get; init; }
}

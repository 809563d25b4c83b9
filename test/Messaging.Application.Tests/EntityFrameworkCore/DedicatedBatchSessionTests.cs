namespace Messaging.EntityFrameworkCore;

/// <summary>The session every batch store keeps: reused while batches succeed, dropped after any failure, refusals handed back as such.</summary>
public class DedicatedBatchSessionTests
{
    [Fact]
    public async Task SuccessfulBatches_ShareOneSession()
    {
        var opened = new List<FakeSession>();
        await using var session = Create(opened);

        await session.WriteAsync((s, _) => Task.FromResult(s), CancellationToken.None);
        await session.WriteAsync((s, _) => Task.FromResult(s), CancellationToken.None);

        opened.Count.ShouldBe(1);
        opened[0].Disposed.ShouldBeFalse();
    }

    [Fact]
    public async Task AFailedBatch_DropsItsSession_AndTheNextOpensAFreshOne()
    {
        var opened = new List<FakeSession>();
        await using var session = Create(opened);

        var failure = await Should.ThrowAsync<TimeoutException>(
            session.WriteAsync<int>((_, _) => throw new TimeoutException("the server went away"), CancellationToken.None));
        await session.WriteAsync((s, _) => Task.FromResult(s), CancellationToken.None);

        failure.Message.ShouldBe("the server went away");
        opened.Count.ShouldBe(2);
        opened[0].Disposed.ShouldBeTrue();
        opened[1].Disposed.ShouldBeFalse();
    }

    [Fact]
    public async Task AFailureThatBlamesARow_LeavesAsTheStoresRefusal()
    {
        var opened = new List<FakeSession>();
        await using var session = Create(opened);
        var blamed = new FormatException("a value of a row");

        var refusal = await Should.ThrowAsync<RowRefused>(session.WriteAsync<int>((_, _) => throw blamed, CancellationToken.None));

        refusal.InnerException.ShouldBeSameAs(blamed);
        opened.Single().Disposed.ShouldBeTrue();
    }

    [Fact]
    public async Task Disposing_ClosesTheOpenSession()
    {
        var opened = new List<FakeSession>();
        var session = Create(opened);
        await session.WriteAsync((s, _) => Task.FromResult(s), CancellationToken.None);

        await session.DisposeAsync();

        opened.Single().Disposed.ShouldBeTrue();
    }

    private static DedicatedBatchSession<FakeSession> Create(List<FakeSession> opened) =>
        new(_ =>
            {
                var session = new FakeSession();
                opened.Add(session);
                return Task.FromResult(session);
            },
            exception => exception is FormatException ? new RowRefused(exception) : null);

    private sealed class FakeSession : IAsyncDisposable
    {
        public bool Disposed { get; private set; }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }

    private sealed class RowRefused(Exception inner) : Exception("refused", inner);
}

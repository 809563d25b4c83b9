using Messaging.TestSupport;

namespace Messaging.Contract;

/// <summary>
/// Every operation of the live document, driven through the real host once with a valid request and once with a bad
/// one: both answers must be declared by the document and fit its schemas. An operation without a case fails.
/// </summary>
[Collection(ContractHostCollection.Name)]
public class ResponseContractTests(SharedHost shared) : IAsyncLifetime
{
    private readonly OperationCases _cases = new(shared);
    private ContractDocument _document = null!;

    public async Task InitializeAsync()
    {
        using var anonymous = shared.Host.Client();
        _document = await ContractDocument.LoadAsync(anonymous);
        await _cases.InitializeAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void EveryOperation_HasACase()
    {
        var missing = _document.Operations.Select(operation => operation.Key).Where(key => !_cases.All.ContainsKey(key)).ToList();
        var stale = _cases.All.Keys.Where(key => _document.Operations.All(operation => operation.Key != key)).ToList();

        missing.ShouldBeEmpty("Operations without a contract case (add one to OperationCases)");
        stale.ShouldBeEmpty("Cases for operations the document does not have");
    }

    [Fact]
    public async Task EveryOperation_AnswersAValidRequestWithADeclaredSuccess()
    {
        foreach (var operation in _document.Operations.Where(operation => _cases.All.ContainsKey(operation.Key)))
        {
            var call = await _cases.All[operation.Key].Valid();
            var answer = await call.SendAsync(shared.Host);

            ((int)answer.Status).ShouldBeInRange(200, 299, $"{operation} ({call}): {answer}");
            answer.ShouldHoldTo(_document, operation);
        }
    }

    [Fact]
    public async Task EveryOperation_AnswersABadRequestWithADeclaredProblem()
    {
        foreach (var operation in _document.Operations.Where(operation => _cases.All.ContainsKey(operation.Key)))
        {
            var call = await _cases.All[operation.Key].Bad();
            var answer = await call.SendAsync(shared.Host);

            ((int)answer.Status).ShouldBeInRange(400, 499, $"{operation} ({call}): {answer}");
            answer.MediaType.ShouldBe("application/problem+json", $"{operation}: {answer}");
            answer.ShouldHoldTo(_document, operation);
        }
    }
}
